package no.formidling.broker;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** An upload that could not be stored: the transfer becomes Failed and its process is told. */
@Service
public class FailFileUpload {
    /** Upstream's status description of an upload that failed, broke off or was abandoned. */
    public static final String UPLOAD_ABORTED = "File upload failed and was aborted";

    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final FileTransferProcess process;
    private final TransactionTemplate tx;

    FailFileUpload(FileTransferRepository transfers, FileTransferStatusService statuses, FileTransferProcess process, TransactionTemplate tx) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.process = process;
        this.tx = tx;
    }

    /** Fails a transfer whose resumable upload could not be stored (e.g. the blocks could not be joined). */
    public void handle(UUID id, String why) {
        tx.executeWithoutResult(s -> transfers.find(id).ifPresent(t -> handle(t, why, FileTransferStatus.UploadStarted)));
    }

    /** Fails the transfer when its status is one of {@code from}, and tells its process; joins the caller's transaction. */
    void handle(FileTransfer transfer, String why, FileTransferStatus... from) {
        tx.executeWithoutResult(s -> {
            if (statuses.change(transfer, FileTransferStatus.Failed, why, from)) {
                process.uploadFailed(transfer.id());
            }
        });
    }
}
