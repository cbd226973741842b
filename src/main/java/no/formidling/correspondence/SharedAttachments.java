package no.formidling.correspondence;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The sender's shared attachments: initialize, look at, download its own copy, purge (refused while linked). */
@Service
class SharedAttachments {
    private static final Logger log = LoggerFactory.getLogger(SharedAttachments.class);
    private final InitializeCorrespondences correspondences;
    private final AttachmentRepository attachments;
    private final AttachmentStatusService statuses;
    private final CorrespondenceRepository correspondenceRows;
    private final CorrespondenceViews views;
    private final BlobStore blobs;
    private final Clock clock;
    private final int minimumExpirationDays;

    SharedAttachments(InitializeCorrespondences correspondences, AttachmentRepository attachments, AttachmentStatusService statuses,
                      CorrespondenceRepository correspondenceRows, CorrespondenceViews views, BlobStore blobs, Clock clock,
                      @Value("${formidling.correspondence.attachment-minimum-expiration-days:14}") int minimumExpirationDays) {
        this.minimumExpirationDays = minimumExpirationDays;
        this.correspondences = correspondences;
        this.attachments = attachments;
        this.statuses = statuses;
        this.correspondenceRows = correspondenceRows;
        this.views = views;
        this.blobs = blobs;
        this.clock = clock;
    }

    @Transactional
    UUID initialize(Caller caller, InitializeAttachmentExt request) {
        Attachments.checkFileName(request.fileName());
        var resource = correspondences.authorize(caller, request.resourceId());
        Attachment a = newAttachment(request.resourceId(), Parties.ofOrgNo(resource.serviceOwnerOrgNo()), request.fileName(),
                request.displayName(), request.isEncrypted(), request.checksum(), request.sendersReference(), request.expirationInDays());
        statuses.created(a);
        return a.id();
    }

    Attachment newAttachment(String resourceId, String sender, String fileName, String displayName, boolean encrypted, String checksum,
                             String sendersReference, Integer expirationInDays) {
        return newAttachment(resourceId, sender, fileName, displayName, encrypted, checksum, sendersReference, expirationInDays, UUID.randomUUID());
    }

    Attachment newAttachment(String resourceId, String sender, String fileName, String displayName, boolean encrypted, String checksum,
                             String sendersReference, Integer expirationInDays, UUID id) {
        if (expirationInDays != null && expirationInDays < minimumExpirationDays) {
            throw CorrespondenceError.EXPIRATION_TOO_SOON.problem(minimumExpirationDays);
        }
        Instant now = clock.instant();
        Instant expires = expirationInDays == null ? null : now.plus(expirationInDays, ChronoUnit.DAYS);
        return new Attachment(id, resourceId, sender, sendersReference, fileName, displayName, encrypted,
                checksum == null || checksum.isBlank() ? null : checksum, expires, null, AttachmentStatus.Initialized,
                AttachmentStatus.Initialized.name(), now, now);
    }

    /** The attachment when the caller is its sender: 2001 when unknown, 4001 otherwise. */
    Attachment own(Caller caller, UUID id) {
        Attachment a = attachments.find(id).orElseThrow(CorrespondenceError.ATTACHMENT_NOT_FOUND::problem);
        if (caller.party() == null || !caller.party().equals(a.sender()) || !caller.mayUse(a.resourceId())) {
            throw CorrespondenceError.NO_ACCESS_TO_RESOURCE.problem();
        }
        return a;
    }

    AttachmentAnswers.AttachmentOverviewExt overview(Caller caller, UUID id) {
        return views.attachmentOverview(own(caller, id));
    }

    AttachmentAnswers.AttachmentDetailsExt details(Caller caller, UUID id) {
        return views.attachmentDetails(own(caller, id));
    }

    @Transactional
    UUID purge(Caller caller, UUID id) {
        own(caller, id);
        Attachment a = attachments.findForUpdate(id).orElseThrow();
        if (a.status() == AttachmentStatus.Purged) {
            throw CorrespondenceError.FILE_PURGED.problem();
        }
        boolean linked = attachments.correspondencesOf(id).stream()
                .map(correspondenceRows::find).flatMap(java.util.Optional::stream)
                .anyMatch(c -> !c.status().isPurged());
        if (linked) {
            throw CorrespondenceError.ATTACHMENT_LINKED.problem();
        }
        statuses.change(a, AttachmentStatus.Purged, null, AttachmentStatus.values());
        try {
            blobs.delete(a.blobKey());
        } catch (IOException e) {
            log.warn("Blob of purged attachment {} not deleted now: {}", id, e.toString());
        }
        return id;
    }

    /** The sender's own copy; refused once a correspondence carrying it is published (2016). */
    Attachment forSenderDownload(Caller caller, UUID id) {
        Attachment a = own(caller, id);
        if (a.status() == AttachmentStatus.Purged) {
            throw CorrespondenceError.DOWNLOAD_PURGED_ATTACHMENT.problem();
        }
        if (a.status() == AttachmentStatus.Expired) {
            throw CorrespondenceError.DOWNLOAD_EXPIRED_ATTACHMENT.problem();
        }
        if (a.status() != AttachmentStatus.Published) {
            throw CorrespondenceError.ATTACHMENT_NOT_FOUND.problem();
        }
        boolean published = attachments.correspondencesOf(id).stream()
                .anyMatch(cid -> correspondenceRows.hasBeen(cid, CorrespondenceStatus.Published));
        if (published) {
            throw CorrespondenceError.ATTACHED_TO_PUBLISHED.problem();
        }
        return a;
    }

    void copy(Attachment a, OutputStream out) throws IOException {
        blobs.read(a.blobKey(), 0, a.size(), out);
    }
}
