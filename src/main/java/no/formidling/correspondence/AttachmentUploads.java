package no.formidling.correspondence;

import static no.formidling.correspondence.AttachmentStatus.*;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import no.formidling.scan.MalwareScanner;
import no.formidling.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Streams attachment bytes into the blob store with the MD5 computed on the way: claim (UploadProcessing, committed,
 * so a second upload is refused), stream without a transaction, then verify the checksum and record the result.
 */
@Component
class AttachmentUploads {
    private static final Logger log = LoggerFactory.getLogger(AttachmentUploads.class);
    private final AttachmentRepository attachments;
    private final AttachmentStatusService statuses;
    private final BlobStore blobs;
    private final MalwareScanner scanner;
    private final TransactionTemplate tx;
    private final long maxSize;

    AttachmentUploads(AttachmentRepository attachments, AttachmentStatusService statuses, BlobStore blobs, MalwareScanner scanner,
                      PlatformTransactionManager transactions,
                      @Value("${formidling.correspondence.max-attachment-size:53687091200}") long maxSize) {
        this.attachments = attachments;
        this.statuses = statuses;
        this.blobs = blobs;
        this.scanner = scanner;
        this.tx = new TransactionTemplate(transactions);
        this.maxSize = maxSize;
    }

    long maxSize() {
        return maxSize;
    }

    /**
     * @param scanNow scan right away (shared attachments); inline ones are scanned by the correspondence process
     */
    void upload(UUID id, String senderParty, InputStream body, long contentLength, boolean scanNow) {
        Attachment attachment = tx.execute(s -> {
            Attachment a = attachments.findForUpdate(id).orElseThrow(CorrespondenceError.ATTACHMENT_NOT_FOUND::problem);
            if (senderParty != null && !a.sender().equals(senderParty)) {
                throw CorrespondenceError.NO_ACCESS_TO_RESOURCE.problem();
            }
            if (contentLength == 0 || contentLength > maxSize) {
                throw CorrespondenceError.FILE_TOO_LARGE.problem("50GB");
            }
            if (!statuses.change(a, UploadProcessing, null, Initialized)) {
                throw CorrespondenceError.FILE_ALREADY_UPLOADED.problem();
            }
            return a;
        });
        BlobStore.StoredBlob stored;
        try {
            stored = blobs.write(attachment.blobKey(), body, maxSize);
        } catch (IOException | RuntimeException e) {
            log.warn("Upload of attachment {} failed: {}", id, e.toString());
            fail(attachment, "Upload failed: the stream was broken or too large");
            throw e instanceof BlobStore.BlobTooLargeException ? CorrespondenceError.FILE_TOO_LARGE.problem("50GB")
                    : new no.formidling.web.ApiProblem(org.springframework.http.HttpStatus.BAD_GATEWAY, "CORR-02002", "Error occurred during upload");
        }
        if (stored.size() == 0) {
            fail(attachment, "Empty file");
            throw CorrespondenceError.FILE_TOO_LARGE.problem("50GB");
        }
        if (attachment.checksum() != null && !attachment.checksum().isBlank() && !attachment.checksum().equalsIgnoreCase(stored.md5Hex())) {
            fail(attachment, "Checksum mismatch");
            throw CorrespondenceError.CHECKSUM_MISMATCH.problem();
        }
        tx.executeWithoutResult(s -> attachments.recordUpload(id, stored.size(), stored.md5Hex()));
        if (scanNow) {
            try {
                scan(id);
            } catch (ScannerUnavailableException e) {
                // No process retries a shared attachment's scan: fail it, so the sender can start again.
                fail(attachments.find(id).orElseThrow(), "Malware scan could not be completed: " + e.getMessage());
            }
        }
    }

    /** The scanner gave no verdict (unreachable or failed); the process step retries it. */
    static class ScannerUnavailableException extends RuntimeException {
        ScannerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Scans an uploaded attachment when a scanner is configured; infected files are Failed and deleted. @return clean */
    boolean scan(UUID id) {
        Attachment a = attachments.find(id).orElseThrow();
        if (a.status() != UploadProcessing) {
            return a.status() == Published;
        }
        MalwareScanner.Verdict verdict = MalwareScanner.Verdict.CLEAN;
        if (scanner.enabled()) {
            try (InputStream in = blobs.open(a.blobKey())) {
                verdict = scanner.scan(in);
            } catch (IOException e) {
                throw new ScannerUnavailableException("Scanning attachment " + id + " failed: " + e.getMessage(), e);
            }
        }
        if (verdict.infected()) {
            fail(a, "Malware detected: " + verdict.detail());
            return false;
        }
        tx.executeWithoutResult(s -> statuses.change(a, Published, null, UploadProcessing));
        return true;
    }

    private void fail(Attachment a, String why) {
        try {
            blobs.delete(a.blobKey());
        } catch (IOException e) {
            log.warn("Could not delete blob of failed attachment {}: {}", a.id(), e.toString());
        }
        tx.executeWithoutResult(s -> statuses.change(a, Failed, why, UploadProcessing, Initialized));
    }
}
