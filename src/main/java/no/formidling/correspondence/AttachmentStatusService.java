package no.formidling.correspondence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.formidling.auth.Parties;
import no.formidling.events.EventOutbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The one place where an attachment's status changes: current status, history row and upstream's event, in one transaction. */
@Service
class AttachmentStatusService {
    private final AttachmentRepository attachments;
    private final EventOutbox outbox;
    private final Clock clock;

    AttachmentStatusService(AttachmentRepository attachments, EventOutbox outbox, Clock clock) {
        this.attachments = attachments;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void created(Attachment a) {
        attachments.insert(a);
        event(a, "AttachmentInitialized");
    }

    /** Moves to {@code to} when the current status is one of {@code from}; false when nothing changed. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean change(Attachment a, AttachmentStatus to, String text, AttachmentStatus... from) {
        Instant now = clock.instant();
        String statusText = text == null ? to.name() : text;
        if (!attachments.setCurrent(a.id(), to, statusText, now, List.of(from))) {
            return false;
        }
        if (attachments.appendHistory(a.id(), to, statusText, now)) {
            switch (to) {
                case UploadProcessing -> event(a, "AttachmentUploadProcessing");
                case Published -> event(a, "AttachmentPublished");
                case Failed -> event(a, "AttachmentUploadFailed");
                case Purged -> event(a, "AttachmentPurged");
                case Expired -> event(a, "AttachmentExpired");
                default -> { }
            }
        }
        return true;
    }

    /** A recipient downloaded the attachment of a correspondence. */
    @Transactional(propagation = Propagation.MANDATORY)
    void downloaded(Attachment a, UUID correspondenceId, String recipientUrn) {
        outbox.append(CorrespondenceEvents.ATTACHMENT, "AttachmentDownloaded", a.resourceId(), a.id(), recipientUrn, null);
    }

    private void event(Attachment a, String name) {
        outbox.append(CorrespondenceEvents.ATTACHMENT, name, a.resourceId(), a.id(), Parties.asUrn(a.sender()), null);
    }
}
