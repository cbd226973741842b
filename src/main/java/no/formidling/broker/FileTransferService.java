package no.formidling.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.auth.ResourceRegistry;
import no.formidling.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The Broker's use cases, with upstream's checks in upstream's order. */
@Service
public class FileTransferService {
    private static final Logger log = LoggerFactory.getLogger(FileTransferService.class);
    private static final long VIRUS_SCAN_LIMIT = 50_000_000_000L;
    /** Upstream's status description of an upload that failed, broke off or was abandoned. */
    public static final String UPLOAD_ABORTED = "File upload failed and was aborted";

    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final BrokerResourceService resources;
    private final ResourceRegistry registry;
    private final BlobStore blobs;
    private final FileTransferProcess process;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final long maxFileSize;

    FileTransferService(FileTransferRepository transfers, FileTransferStatusService statuses, BrokerResourceService resources,
                        ResourceRegistry registry, BlobStore blobs, FileTransferProcess process, TransactionTemplate tx, Clock clock,
                        @Value("${formidling.broker.max-file-size:107374182400}") long maxFileSize) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.resources = resources;
        this.registry = registry;
        this.blobs = blobs;
        this.process = process;
        this.tx = tx;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.clock = clock;
        this.maxFileSize = maxFileSize;
    }

    /** Creates a transfer (or, with a known idempotency key, returns the one it created before). */
    @Transactional
    public UUID initialize(Caller caller, InitializeCommand cmd, String idempotencyKey) {
        String resourceId = resourceIdOf(cmd.resourceId());
        String sender = Parties.normalize(cmd.sender());
        if (caller.party() == null || !caller.party().equals(sender) || !caller.mayUse(resourceId)) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        List<String> recipients = cmd.recipients().stream().map(Parties::normalize).distinct().toList();
        ResourceRegistry.Access access = registry.access(resourceId, sender, recipients);
        // Write access exists only on a registered resource, so this also covers upstream's "unknown resource" (5).
        if (!access.writerCanWrite()) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        var configured = resources.findWithOwner(resourceId).orElseThrow(BrokerError.RESOURCE_NOT_CONFIGURED::problem);
        if (!configured.serviceOwnerRegistered()) {
            throw BrokerError.SERVICE_OWNER_NOT_CONFIGURED.problem();
        }
        BrokerResource resource = configured.resource();
        if (cmd.disableVirusScan() && !resource.approvedForDisabledVirusScan()) {
            throw BrokerError.NOT_APPROVED_FOR_DISABLED_VIRUS_SCAN.problem();
        }
        if (access.readersThatCanRead() < recipients.size()) {
            throw BrokerError.RECIPIENT_NOT_IN_ACCESS_LIST.problem();
        }
        if (resource.requiredParty() != null && !resource.requiredParty().equals(sender)) {
            if (recipients.size() > 1) {
                throw BrokerError.REQUIRED_PARTY_TOO_MANY_RECIPIENTS.problem();
            }
            if (!recipients.get(0).equals(resource.requiredParty())) {
                throw BrokerError.REQUIRED_PARTY_MISSING.problem();
            }
        }
        if (idempotencyKey != null) {
            var existing = transfers.findByIdempotencyKey(sender, idempotencyKey);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Instant now = Instant.now(clock);
        FileTransfer transfer = new FileTransfer(UUID.randomUUID(), resourceId, cmd.fileName(), cmd.sendersFileTransferReference(),
                sender, cmd.sender().trim(), blankToNull(cmd.checksum()), !cmd.disableVirusScan(), null,
                cmd.propertyList() == null ? java.util.Map.of() : cmd.propertyList(), FileTransferStatus.Initialized, null, now, now,
                now.plus(resource.timeToLive()), null,
                recipients.stream().map(r -> new FileTransfer.Recipient(r, RecipientStatus.Initialized, now)).toList());
        if (!transfers.insert(transfer, idempotencyKey)) {
            // Another request with the same key committed while this one ran (read committed sees it now).
            return transfers.findByIdempotencyKey(sender, idempotencyKey).orElseThrow();
        }
        statuses.initialized(transfer);
        process.start(transfer, resource.gracePeriod(), resource.purgeAfterAllConfirmed());
        return transfer.id();
    }

    /**
     * Streams the body into the blob store, then verifies and publishes. Three short transactions: claim the
     * upload, (stream, no transaction), record the result. A failure leaves the transfer Failed and no bytes behind.
     */
    public UUID upload(Caller caller, UUID id, InputStream body, long contentLength) {
        record Claim(FileTransfer transfer, long limit) {
        }
        Claim claim = tx.execute(s -> {
            FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
            if (!t.isSender(caller.party()) || !caller.mayUse(t.resourceId())) {
                throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
            }
            if (t.status() != FileTransferStatus.Initialized) {
                throw BrokerError.ALREADY_UPLOADED.problem();
            }
            long limit = limitFor(t);
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
            fail(transfer, "File size exceeds maximum");
            throw BrokerError.FILE_TOO_BIG.problem();
        } catch (IOException | RuntimeException e) {
            log.warn("Upload of file transfer {} failed: {}", id, e.toString());
            fail(transfer, UPLOAD_ABORTED);
            throw BrokerError.UPLOAD_FAILED.problem();
        }
        BrokerError rejected = tx.execute(s -> recordStoredUpload(id, stored));
        if (rejected == BrokerError.ALREADY_UPLOADED) {
            deleteQuietly(transfer);
        }
        if (rejected != null) {
            throw rejected.problem();
        }
        return id;
    }

    /**
     * The end of every upload, single-request or resumable: the bytes are stored as the transfer's blob; check the
     * checksum and hand the transfer to the process (UploadProcessing), or fail it. Call inside a transaction.
     *
     * @return null when accepted, else the error to answer (the transfer is then Failed, or was no longer uploading)
     */
    public BrokerError recordStoredUpload(UUID id, BlobStore.StoredBlob stored) {
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

    /**
     * Lets the sender start (or go on with) a resumable upload of {@code uploadLength} bytes: Initialized moves to
     * UploadStarted; UploadStarted is accepted only when {@code resumableUnderway} says a TUS upload already owns it.
     * Call inside a transaction.
     */
    public FileTransfer claimResumableUpload(Caller caller, UUID id, long uploadLength, java.util.function.BooleanSupplier resumableUnderway) {
        FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        if (caller.party() == null || !t.isSender(caller.party()) || !caller.mayUse(t.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        // Asked only now, under the transfer's lock: parts created side by side must all see the first one.
        boolean continuing = t.status() == FileTransferStatus.UploadStarted && resumableUnderway.getAsBoolean();
        if (t.status() != FileTransferStatus.Initialized && !continuing) {
            throw BrokerError.ALREADY_UPLOADED.problem();
        }
        if (uploadLength > limitFor(t)) {
            throw BrokerError.FILE_TOO_BIG.problem();
        }
        if (!continuing) {
            statuses.change(t, FileTransferStatus.UploadStarted, null, FileTransferStatus.Initialized);
        }
        return t;
    }

    /** The transfer as its sender sees it, for resumable-upload requests after the upload was created. */
    public FileTransfer asSender(Caller caller, UUID id) {
        FileTransfer t = transfers.find(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        if (caller.party() == null || !t.isSender(caller.party()) || !caller.mayUse(t.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        return t;
    }

    /** Fails a transfer whose resumable upload could not be stored (e.g. the blocks could not be joined). */
    public void failUpload(UUID id, String why) {
        tx.executeWithoutResult(s -> transfers.find(id).ifPresent(t -> fail(t, why)));
    }

    private void fail(FileTransfer transfer, String why) {
        failUpload(transfer, why, FileTransferStatus.UploadStarted);
    }

    /** Fails the transfer when its status is one of {@code from}, and tells its process; joins the caller's transaction. */
    void failUpload(FileTransfer transfer, String why, FileTransferStatus... from) {
        tx.executeWithoutResult(s -> {
            if (statuses.change(transfer, FileTransferStatus.Failed, why, from)) {
                process.uploadFailed(transfer.id());
            }
        });
    }

    private long limitFor(FileTransfer t) {
        long limit = resources.find(t.resourceId()).map(BrokerResource::maxFileTransferSize).orElse(maxFileSize);
        return t.useVirusScan() ? Math.min(limit, VIRUS_SCAN_LIMIT) : limit;
    }

    /** A transfer the caller may see: its sender, one of its recipients, or the resource's service owner. */
    public FileTransfer get(Caller caller, UUID id) {
        // One read-only transaction: one connection and one commit instead of one per statement.
        return readOnly.execute(s -> {
            FileTransfer t = transfers.find(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
            if (caller.party() == null || !caller.mayUse(t.resourceId())) {
                throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
            }
            if (t.isSender(caller.party()) || t.isRecipient(caller.party()) || isServiceOwner(caller, t)) {
                return t;
            }
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        });
    }

    List<FileTransferRepository.HistoryEntry> statusHistory(UUID id) {
        return transfers.statusHistory(id);
    }

    List<FileTransferRepository.HistoryEntry> recipientHistory(UUID id) {
        return transfers.recipientHistory(id);
    }

    private boolean isServiceOwner(Caller caller, FileTransfer t) {
        return resources.find(t.resourceId()).map(r -> r.serviceOwnerOrgNo().equals(caller.orgNo())).orElse(false);
    }

    List<UUID> search(Caller caller, FileTransferSearch search) {
        if (caller.party() == null || !caller.mayUse(search.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        if (!registry.canRead(search.resourceId(), caller.party()) && !registry.canWrite(search.resourceId(), caller.party())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        if (resources.find(search.resourceId()).isEmpty()) {
            throw BrokerError.INVALID_RESOURCE_DEFINITION.problem();
        }
        return transfers.search(search, 100);
    }

    /** Checks the caller may download now and records that the recipient started; the bytes are streamed after. */
    public FileTransfer startDownload(Caller caller, UUID id) {
        return tx.execute(s -> startDownloadInTransaction(caller, id));
    }

    private FileTransfer startDownloadInTransaction(Caller caller, UUID id) {
        FileTransfer t = transfers.find(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        if (caller.party() == null || !t.isRecipient(caller.party()) || !caller.mayUse(t.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        if (!t.status().downloadable()) {
            throw BrokerError.NOT_AVAILABLE_FOR_DOWNLOAD.problem();
        }
        if (t.size() == null) {
            throw BrokerError.NO_FILE_UPLOADED.problem();
        }
        if (t.recipient(caller.party()).status() == RecipientStatus.Initialized) {
            statuses.changeRecipient(t, caller.party(), RecipientStatus.DownloadStarted, RecipientStatus.Initialized);
        }
        return t;
    }

    public void copyBytes(FileTransfer t, long offset, long length, OutputStream out) throws IOException {
        blobs.read(t.blobKey(), offset, length, out);
    }

    public java.util.Optional<java.nio.file.Path> localFile(FileTransfer t) {
        return blobs.localFile(t.blobKey());
    }

    /** Confirms the caller's download; confirming again is a no-op. The last confirmation completes the transfer. */
    @Transactional
    public void confirmDownload(Caller caller, UUID id) {
        FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        if (caller.party() == null || !t.isRecipient(caller.party()) || !caller.mayUse(t.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
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

    /** The sender withdraws the transfer: Cancelled now, the file purged by the process. Repeating is a no-op. */
    @Transactional
    public void cancel(Caller caller, UUID id) {
        FileTransfer t = transfers.lock(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        if (caller.party() == null || !t.isSender(caller.party()) || !caller.mayUse(t.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        if (statuses.change(t, FileTransferStatus.Cancelled, null, FileTransferStatus.Initialized, FileTransferStatus.UploadStarted,
                FileTransferStatus.UploadProcessing, FileTransferStatus.Published, FileTransferStatus.AllConfirmedDownloaded,
                FileTransferStatus.Failed)) {
            process.cancelled(id);
        }
    }

    private void deleteQuietly(FileTransfer t) {
        try {
            blobs.delete(t.blobKey());
        } catch (IOException e) {
            log.warn("Could not delete blob of {}; the sweeper will: {}", t.id(), e.toString());
        }
    }

    static String resourceIdOf(String resourceId) {
        int colon = resourceId.lastIndexOf(':');
        return colon < 0 ? resourceId : resourceId.substring(colon + 1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
