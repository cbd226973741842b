package no.formidling.broker.tus;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.formidling.broker.BrokerError;
import no.formidling.broker.CompleteFileUpload;
import no.formidling.broker.FailFileUpload;
import no.formidling.broker.FileTransfer;
import no.formidling.storage.BlobStore;
import no.formidling.storage.DigestingCopier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end of a resumable upload: its staged blocks become the transfer's blob, with the MD5 of every byte, and the
 * upload is recorded like a single-request one. Any node may do it, once.
 */
@Component
class TusCompletion {
    private static final Logger log = LoggerFactory.getLogger(TusCompletion.class);

    private final TusUploadRepository uploads;
    private final BlobStore blobs;
    private final UploadDigests digests;
    private final CompleteFileUpload complete;
    private final FailFileUpload fail;
    private final TransactionTemplate tx;

    TusCompletion(TusUploadRepository uploads, BlobStore blobs, UploadDigests digests, CompleteFileUpload complete, FailFileUpload fail,
                  TransactionTemplate tx) {
        this.uploads = uploads;
        this.blobs = blobs;
        this.digests = digests;
        this.complete = complete;
        this.fail = fail;
        this.tx = tx;
    }

    /**
     * Commits the blocks as the transfer's blob and records the upload like a single-request one. Safe to repeat
     * after a crash at any point: the commit and the completion are both idempotent.
     */
    BrokerError complete(TusUpload seen) {
        // One transaction around the join holds the completion lock: a HEAD on another node that finds the last
        // byte in while this node is still joining must not join the same blocks at the same time.
        return tx.execute(s -> {
            if (!uploads.tryLockForCompletion(seen.id())) {
                return null; // another node is completing it right now
            }
            TusUpload upload = uploads.find(seen.id()).orElseThrow();
            if (upload.state() != TusUpload.State.OPEN || !upload.allBytesIn()) {
                return null;
            }
            return join(upload);
        });
    }

    /** Joins the blocks and records the upload; runs inside {@link #complete}'s transaction. */
    private BrokerError join(TusUpload upload) {
        UUID transferId = upload.fileTransferId();
        String key = FileTransfer.blobKey(transferId);
        BlobStore.StoredBlob stored;
        try {
            List<String> blockIds = new ArrayList<>();
            if (upload.kind() == TusUpload.Kind.FINAL) {
                upload.parts().forEach(part -> blockIds.addAll(uploads.blockIds(part)));
            } else {
                blockIds.addAll(uploads.blockIds(upload.id()));
            }
            long size = blobs.commitBlockList(key, blockIds);
            if (size != upload.length()) {
                throw new IOException("Joined " + size + " bytes, expected " + upload.length());
            }
            // A joined upload's parts arrived side by side, and a whole upload's bytes may not all have passed this
            // node: then the MD5 is taken over the joined file.
            String md5 = upload.kind() == TusUpload.Kind.WHOLE ? digests.finish(upload) : null;
            if (md5 == null) {
                md5 = md5Of(key);
            }
            stored = new BlobStore.StoredBlob(size, md5);
        } catch (IOException | RuntimeException e) {
            log.warn("Completing the resumable upload of file transfer {} failed: {}", transferId, e.toString());
            fail.handle(transferId, FailFileUpload.UPLOAD_ABORTED);
            return BrokerError.UPLOAD_FAILED;
        }
        BrokerError rejected = complete.handle(transferId, stored);
        if (rejected != BrokerError.ALREADY_UPLOADED) {
            uploads.setState(upload.id(), TusUpload.State.COMPLETE);
            if (upload.parts() != null) {
                upload.parts().forEach(part -> uploads.setState(part, TusUpload.State.COMPLETE));
            }
        }
        return rejected;
    }

    /** The MD5 of the stored blob, through the store's own copy pipeline (the next bytes are read while the last are hashed). */
    private String md5Of(String key) throws IOException {
        try (InputStream in = blobs.open(key)) {
            return DigestingCopier.copy(in, Long.MAX_VALUE, (bytes, length) -> { }).md5Hex();
        }
    }
}
