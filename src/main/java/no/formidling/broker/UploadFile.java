package no.formidling.broker;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams one request's body into the blob store, then verifies and publishes. Three short transactions: claim the
 * upload, (stream, no transaction), record the result. A failure leaves the transfer Failed and no bytes behind.
 */
@Service
class UploadFile {
    private static final Logger log = LoggerFactory.getLogger(UploadFile.class);

    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final UploadLimits limits;
    private final BlobStore blobs;
    private final CompleteFileUpload complete;
    private final FailFileUpload fail;
    private final TransactionTemplate tx;

    UploadFile(FileTransferRepository transfers, FileTransferStatusService statuses, UploadLimits limits, BlobStore blobs,
               CompleteFileUpload complete, FailFileUpload fail, TransactionTemplate tx) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.limits = limits;
        this.blobs = blobs;
        this.complete = complete;
        this.fail = fail;
        this.tx = tx;
    }

    public UUID handle(Caller caller, UUID id, InputStream body, long contentLength) {
        record Claim(FileTransfer transfer, long limit) {
        }
        Claim claim = tx.execute(s -> {
            FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
            FileTransferAccess.requireSender(caller, t);
            if (t.status() != FileTransferStatus.Initialized) {
                throw BrokerError.ALREADY_UPLOADED.problem();
            }
            long limit = limits.of(t);
            if (contentLength > limit) {
                throw BrokerError.FILE_TOO_BIG.problem();
            }
            statuses.change(t, FileTransferStatus.UploadStarted, null, FileTransferStatus.Initialized);
            return new Claim(t, limit);
        });
        FileTransfer transfer = claim.transfer();
        BlobStore.StoredBlob stored;
        try {
            stored = blobs.write(transfer.blobKey(), body, claim.limit());
        } catch (BlobStore.BlobTooLargeException e) {
            fail.handle(transfer, "File size exceeds maximum", FileTransferStatus.UploadStarted);
            throw BrokerError.FILE_TOO_BIG.problem();
        } catch (IOException | RuntimeException e) {
            log.warn("Upload of file transfer {} failed: {}", id, e.toString());
            fail.handle(transfer, FailFileUpload.UPLOAD_ABORTED, FileTransferStatus.UploadStarted);
            throw BrokerError.UPLOAD_FAILED.problem();
        }
        BrokerError rejected = tx.execute(s -> complete.handle(id, stored));
        if (rejected == BrokerError.ALREADY_UPLOADED) {
            deleteQuietly(transfer);
        }
        if (rejected != null) {
            throw rejected.problem();
        }
        return id;
    }

    private void deleteQuietly(FileTransfer t) {
        try {
            blobs.delete(t.blobKey());
        } catch (IOException e) {
            log.warn("Could not delete blob of {}; the sweeper will: {}", t.id(), e.toString());
        }
    }
}
