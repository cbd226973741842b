package no.formidling.broker;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.auth.Parties;
import no.formidling.events.EventOutbox;
import no.formidling.events.EventSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place where a transfer's or a recipient's status changes: appends the history row (unique per
 * status, so a repeated step changes nothing) and writes the events it announces in the same transaction.
 */
@Service
public class FileTransferStatusService {
    /** The Broker's events: upstream's type prefix, and the file transfer API as their source. */
    public static final EventSource EVENTS = new EventSource("no.altinn.broker.", "/broker/api/v1/filetransfer");
    private final FileTransferRepository transfers;
    private final EventOutbox outbox;
    private final Clock clock;

    FileTransferStatusService(FileTransferRepository transfers, EventOutbox outbox, Clock clock) {
        this.transfers = transfers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Moves the transfer to {@code to} if its status is one of {@code from}; false (and nothing written) otherwise. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean change(FileTransfer transfer, FileTransferStatus to, String description, FileTransferStatus... from) {
        if (!transfers.changeStatus(transfer.id(), to, List.of(from), description, Instant.now(clock))) {
            return false;
        }
        switch (to) {
            case UploadProcessing -> toSender(transfer, "UploadProcessing");
            case Published -> published(transfer);
            case Failed -> toSender(transfer, "UploadFailed");
            case AllConfirmedDownloaded -> toSender(transfer, "AllConfirmedDownloaded");
            case Purged -> toSender(transfer, "FilePurged");
            default -> { }
        }
        return true;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean changeRecipient(FileTransfer transfer, String recipient, RecipientStatus to, RecipientStatus... from) {
        if (!transfers.changeRecipientStatus(transfer.id(), recipient, to, List.of(from), Instant.now(clock))) {
            return false;
        }
        if (to == RecipientStatus.DownloadConfirmed) {
            event(transfer, "DownloadConfirmed", recipient, "Recipient");
            toSender(transfer, "DownloadConfirmed");
        }
        return true;
    }

    /** Announces a new transfer to its sender. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void initialized(FileTransfer transfer) {
        toSender(transfer, "FileTransferInitialized");
    }

    /** TTL reached with some recipient not confirmed: tells the sender and each recipient that never confirmed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void neverConfirmed(FileTransfer transfer) {
        List<FileTransfer.Recipient> unconfirmed = transfer.recipients().stream()
                .filter(r -> r.status() != RecipientStatus.DownloadConfirmed).toList();
        if (unconfirmed.isEmpty()) {
            return;
        }
        toSender(transfer, "FileNeverConfirmedDownloaded");
        unconfirmed.forEach(r -> event(transfer, "FileNeverConfirmedDownloaded", r.party(), "Recipient"));
    }

    /** Upstream tells the sender as well as each recipient; each event's id is fixed by the transfer and the party. */
    private void published(FileTransfer transfer) {
        for (FileTransfer.Recipient r : transfer.recipients()) {
            publishedTo(transfer, r.party(), "Recipient");
        }
        publishedTo(transfer, transfer.sender(), "Sender");
    }

    private void publishedTo(FileTransfer transfer, String party, String role) {
        UUID eventId = UUID.nameUUIDFromBytes(("published/" + transfer.id() + "/" + party + "/" + role).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        outbox.append(eventId, EVENTS, "Published", transfer.resourceId(), transfer.id(), Parties.asUrn(party), Map.of("Role", role));
    }

    private void toSender(FileTransfer transfer, String name) {
        event(transfer, name, transfer.sender(), "Sender");
    }

    private void event(FileTransfer transfer, String name, String party, String role) {
        outbox.append(EVENTS, name, transfer.resourceId(), transfer.id(), Parties.asUrn(party), Map.of("Role", role));
    }
}
