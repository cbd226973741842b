package no.formidling.broker;

import java.util.UUID;
import no.formidling.storage.BlobStore;
import org.springframework.stereotype.Service;

/**
 * The end of every upload, single-request or resumable: the bytes are stored as the transfer's blob; check the
 * checksum and hand the transfer to the process (UploadProcessing), or fail it.
 */
@Service
public class CompleteFileUpload {
    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final FileTransferProcess process;

    CompleteFileUpload(FileTransferRepository transfers, FileTransferStatusService statuses, FileTransferProcess process) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.process = process;
    }

    /**
     * Call inside a transaction.
     *
     * @return null when accepted, else the error to answer (the transfer is then Failed, or was no longer uploading)
     */
    public BrokerError handle(UUID id, BlobStore.StoredBlob stored) {
        FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        if (t.status() != FileTransferStatus.UploadStarted) {
            return BrokerError.ALREADY_UPLOADED; // cancelled or timed out while the bytes were arriving
        }
        if (t.checksum() != null && !t.checksum().equalsIgnoreCase(stored.md5Hex())) {
            statuses.change(t, FileTransferStatus.Failed, "Checksum mismatch", FileTransferStatus.UploadStarted);
            process.uploadFailed(id);
            return BrokerError.CHECKSUM_MISMATCH;
        }
        transfers.recordUpload(id, stored.size(), stored.md5Hex());
        statuses.change(t, FileTransferStatus.UploadProcessing, null, FileTransferStatus.UploadStarted);
        process.uploadCompleted(id);
        return null;
    }
}
