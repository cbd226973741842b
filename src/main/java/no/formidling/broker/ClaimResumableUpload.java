package no.formidling.broker;

import java.util.UUID;
import java.util.function.BooleanSupplier;
import no.formidling.auth.Caller;
import org.springframework.stereotype.Service;

/**
 * Lets the sender start (or go on with) a resumable upload of a given length: Initialized moves to UploadStarted;
 * UploadStarted is accepted only when a resumable upload already owns it.
 */
@Service
public class ClaimResumableUpload {
    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final UploadLimits limits;

    ClaimResumableUpload(FileTransferRepository transfers, FileTransferStatusService statuses, UploadLimits limits) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.limits = limits;
    }

    /** Call inside a transaction; {@code resumableUnderway} says whether a resumable upload already owns the transfer. */
    public FileTransfer handle(Caller caller, UUID id, long uploadLength, BooleanSupplier resumableUnderway) {
        FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        FileTransferAccess.requireSender(caller, t);
        // Asked only now, under the transfer's lock: parts created side by side must all see the first one.
        boolean continuing = t.status() == FileTransferStatus.UploadStarted && resumableUnderway.getAsBoolean();
        if (t.status() != FileTransferStatus.Initialized && !continuing) {
            throw BrokerError.ALREADY_UPLOADED.problem();
        }
        if (uploadLength > limits.of(t)) {
            throw BrokerError.FILE_TOO_BIG.problem();
        }
        if (!continuing) {
            statuses.change(t, FileTransferStatus.UploadStarted, null, FileTransferStatus.Initialized);
        }
        return t;
    }
}
