package no.formidling.correspondence;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.formidling.storage.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends attachments a correspondence no longer needs, as upstream does: expired once every link has expired
 * ({@code AttachmentExpired}), purged once no correspondence in use links to them ({@code AttachmentPurged}). The
 * bytes are deleted only after the status has committed, so a rolled-back step never loses a file still offered.
 */
@Service
class AttachmentRetention {
    private static final Logger log = LoggerFactory.getLogger(AttachmentRetention.class);

    private final AttachmentRepository attachments;
    private final AttachmentStatusService statuses;
    private final BlobStore blobs;
    private final Clock clock;

    AttachmentRetention(AttachmentRepository attachments, AttachmentStatusService statuses, BlobStore blobs, Clock clock) {
        this.attachments = attachments;
        this.statuses = statuses;
        this.blobs = blobs;
        this.clock = clock;
    }

    /**
     * Expires the correspondence's attachments whose time has come.
     *
     * @return when the next of its attachments expires, null when none is left
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Instant expireDue(UUID correspondenceId) {
        Instant now = clock.instant();
        end(attachments.expiredWith(correspondenceId, now), AttachmentStatus.Expired, "The attachment has expired");
        return attachments.nextExpiry(correspondenceId, now);
    }

    /** After the correspondence is purged: purges its attachments that no other correspondence in use links to. */
    @Transactional(propagation = Propagation.MANDATORY)
    void purgeNoLongerLinked(UUID correspondenceId) {
        end(attachments.noLongerLinked(correspondenceId), AttachmentStatus.Purged, null);
    }

    private void end(List<Attachment> ended, AttachmentStatus status, String text) {
        for (Attachment a : ended) {
            if (statuses.change(a, status, text, AttachmentStatus.values())) {
                deleteAfterCommit(a);
            }
        }
    }

    private void deleteAfterCommit(Attachment a) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    blobs.delete(a.blobKey());
                } catch (IOException | RuntimeException e) {
                    log.warn("Blob of ended attachment {} not deleted: {}", a.id(), e.toString());
                }
            }
        });
    }
}
