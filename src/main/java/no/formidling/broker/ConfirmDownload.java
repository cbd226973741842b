package no.formidling.broker;

import java.util.UUID;
import no.formidling.auth.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Confirms the caller's download; confirming again is a no-op. The last confirmation completes the transfer. */
@Service
class ConfirmDownload {
    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final FileTransferProcess process;

    ConfirmDownload(FileTransferRepository transfers, FileTransferStatusService statuses, FileTransferProcess process) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.process = process;
    }

    @Transactional
    public void handle(Caller caller, UUID id) {
        FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        FileTransferAccess.requireRecipient(caller, t);
        if (t.size() == null) {
            throw BrokerError.NO_FILE_UPLOADED.problem();
        }
        RecipientStatus mine = t.recipient(caller.party()).status();
        if (mine == RecipientStatus.DownloadConfirmed) {
            return;
        }
        if (t.status() != FileTransferStatus.Published) {
            throw BrokerError.NOT_PUBLISHED.problem();
        }
        if (mine != RecipientStatus.DownloadStarted) {
            throw BrokerError.CONFIRM_BEFORE_DOWNLOAD.problem();
        }
        statuses.changeRecipient(t, caller.party(), RecipientStatus.DownloadConfirmed, RecipientStatus.DownloadStarted);
        boolean othersConfirmed = t.recipients().stream()
                .filter(r -> !r.party().equals(caller.party()))
                .allMatch(r -> r.status() == RecipientStatus.DownloadConfirmed);
        if (othersConfirmed && statuses.change(t, FileTransferStatus.AllConfirmedDownloaded, null, FileTransferStatus.Published)) {
            process.allRecipientsConfirmed(id);
        }
    }
}
