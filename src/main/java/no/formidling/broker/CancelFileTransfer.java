package no.formidling.broker;

import java.util.UUID;
import no.formidling.auth.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The sender withdraws the transfer: Cancelled now, the file purged by the process. Repeating is a no-op. */
@Service
class CancelFileTransfer {
    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final FileTransferProcess process;

    CancelFileTransfer(FileTransferRepository transfers, FileTransferStatusService statuses, FileTransferProcess process) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.process = process;
    }

    @Transactional
    public void handle(Caller caller, UUID id) {
        FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        FileTransferAccess.requireSender(caller, t);
        if (statuses.change(t, FileTransferStatus.Cancelled, null, FileTransferStatus.Initialized, FileTransferStatus.UploadStarted,
                FileTransferStatus.UploadProcessing, FileTransferStatus.Published, FileTransferStatus.AllConfirmedDownloaded,
                FileTransferStatus.Failed)) {
            process.cancelled(id);
        }
    }
}
