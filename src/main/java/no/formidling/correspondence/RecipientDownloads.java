package no.formidling.correspondence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import no.formidling.storage.BlobStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A recipient's attachment downloads: one file, or all of them as one zip streamed straight onto the response. */
@Service
class RecipientDownloads {
    /** Upstream's limit for one zip of all attachments (raised from 25 MB, upstream #1980); the zip is streamed either way. */
    static final long ZIP_LIMIT = 2_000_000_000L;

    private final CorrespondenceAccess access;
    private final CorrespondenceRepository correspondences;
    private final CorrespondenceStatusService statuses;
    private final AttachmentRepository attachments;
    private final AttachmentStatusService attachmentStatuses;
    private final BlobStore blobs;
    private final TransactionTemplate tx;
    private final Clock clock;

    RecipientDownloads(CorrespondenceAccess access, CorrespondenceRepository correspondences, CorrespondenceStatusService statuses,
                       AttachmentRepository attachments, AttachmentStatusService attachmentStatuses, BlobStore blobs,
                       PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.access = access;
        this.correspondences = correspondences;
        this.statuses = statuses;
        this.attachments = attachments;
        this.attachmentStatuses = attachmentStatuses;
        this.blobs = blobs;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Checks access and records the download (status AttachmentsDownloaded once, one event per file). */
    Attachment one(UUID correspondenceId, UUID attachmentId) {
        return prepare(correspondenceId, List.of(attachmentId)).get(0);
    }

    /** All attachments of the correspondence, refused above {@link #ZIP_LIMIT} bytes in total (2023). */
    List<Attachment> all(UUID correspondenceId) {
        return prepare(correspondenceId, null);
    }

    private List<Attachment> prepare(UUID correspondenceId, List<UUID> only) {
        return tx.execute(s -> {
            Correspondence c = access.requireRecipient(correspondenceId, true).correspondence();
            CorrespondenceActions.requireAvailable(c);
            List<Attachment> linked = attachments.ofCorrespondence(correspondenceId);
            List<Attachment> wanted = only == null ? linked : linked.stream().filter(a -> only.contains(a.id())).toList();
            if (only != null && wanted.isEmpty()) {
                throw CorrespondenceError.ATTACHMENT_NOT_FOUND.problem();
            }
            for (Attachment a : wanted) {
                if (a.status() == AttachmentStatus.Purged) {
                    throw CorrespondenceError.DOWNLOAD_PURGED_ATTACHMENT.problem();
                }
                if (a.status() == AttachmentStatus.Expired || (a.expirationTime() != null && !a.expirationTime().isAfter(clock.instant()))) {
                    throw CorrespondenceError.DOWNLOAD_EXPIRED_ATTACHMENT.problem();
                }
                if (a.status() != AttachmentStatus.Published) {
                    throw CorrespondenceError.ATTACHMENT_NOT_FOUND.problem();
                }
            }
            if (only == null && !fitsInOneZip(wanted.stream().mapToLong(a -> a.size() == null ? 0 : a.size()).sum())) {
                throw CorrespondenceError.ZIP_TOO_LARGE.problem();
            }
            if (!correspondences.hasBeen(correspondenceId, CorrespondenceStatus.AttachmentsDownloaded)) {
                statuses.change(c, CorrespondenceStatus.AttachmentsDownloaded, null);
            }
            wanted.forEach(a -> attachmentStatuses.downloaded(a, correspondenceId, c.recipient()));
            return wanted;
        });
    }

    static boolean fitsInOneZip(long totalBytes) {
        return totalBytes <= ZIP_LIMIT;
    }

    void copy(Attachment a, OutputStream out) throws IOException {
        blobs.read(a.blobKey(), 0, a.size(), out);
    }

    /** Writes the zip entry by entry from the blob store; duplicate file names get a " (n)" suffix. */
    void zip(List<Attachment> files, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        Set<String> names = new HashSet<>();
        for (Attachment a : files) {
            zip.putNextEntry(new ZipEntry(unique(a.fileName(), names)));
            try (InputStream in = blobs.open(a.blobKey())) {
                in.transferTo(zip);
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    static String unique(String fileName, Set<String> taken) {
        String name = fileName;
        int dot = fileName.lastIndexOf('.');
        for (int n = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
            name = dot < 0 ? fileName + " (" + n + ")" : fileName.substring(0, dot) + " (" + n + ")" + fileName.substring(dot);
        }
        return name;
    }
}
