package no.formidling.broker;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import no.formidling.scan.MalwareScanner;
import no.formidling.storage.BlobStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps the process runs on a transfer. Each is safe to repeat: a status change happens only from the
 * expected statuses, and blob deletion succeeds when the blob is already gone.
 */
@Service
public class FileTransferLifecycle {
    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final BlobStore blobs;
    private final MalwareScanner scanner;

    FileTransferLifecycle(FileTransferRepository transfers, FileTransferStatusService statuses, BlobStore blobs, MalwareScanner scanner) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.blobs = blobs;
        this.scanner = scanner;
    }

    /** Scans the stored file. A transfer no longer being processed counts as clean: there is nothing left to publish. */
    public MalwareScanner.Verdict scanForMalware(UUID id) throws IOException {
        FileTransfer t = load(id);
        if (t.status() != FileTransferStatus.UploadProcessing) {
            return MalwareScanner.Verdict.CLEAN;
        }
        try (InputStream in = blobs.open(t.blobKey())) {
            return scanner.scan(in);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(UUID id) {
        statuses.change(load(id), FileTransferStatus.Published, null, FileTransferStatus.UploadProcessing);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void failInfected(UUID id, String detail) {
        statuses.change(load(id), FileTransferStatus.Failed, "Malware scan failed: " + detail, FileTransferStatus.UploadProcessing);
    }

    /** The timer step of model versions before {@link AbandonedUploadSweeper}, for instances still running on them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void failAbandonedUpload(UUID id) {
        statuses.change(load(id), FileTransferStatus.Failed, FailFileUpload.UPLOAD_ABORTED,
                FileTransferStatus.Initialized, FileTransferStatus.UploadStarted);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void reportNeverConfirmed(UUID id) {
        FileTransfer t = load(id);
        if (t.status() == FileTransferStatus.Published || t.status() == FileTransferStatus.AllConfirmedDownloaded) {
            statuses.neverConfirmed(t);
        }
    }

    /** Deletes the file and records Purged (with its events) once. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void purge(UUID id) throws IOException {
        FileTransfer t = load(id);
        statuses.change(t, FileTransferStatus.Purged, null, FileTransferStatus.Published,
                FileTransferStatus.AllConfirmedDownloaded, FileTransferStatus.Cancelled);
        blobs.delete(t.blobKey());
        blobs.discardBlocks(t.blobKey()); // a resumable upload cancelled half-way left staged blocks
    }

    /** Deletes the bytes of a failed upload, staged blocks of a resumable one included; the status stays Failed. */
    public void deleteBlob(UUID id) throws IOException {
        blobs.delete(FileTransfer.blobKey(id));
        blobs.discardBlocks(FileTransfer.blobKey(id));
    }

    private FileTransfer load(UUID id) {
        return transfers.find(id).orElseThrow(() -> new IllegalStateException("No file transfer " + id));
    }
}
