package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceStatus.*;

import java.time.Instant;
import java.util.UUID;
import no.formidling.register.PartyId;
import no.formidling.register.PartyRegister;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The process steps of bpmn/correspondence.bpmn; each is idempotent and does nothing once the correspondence is purged. */
@Service
public class CorrespondenceLifecycle {
    private final CorrespondenceRepository correspondences;
    private final CorrespondenceStatusService statuses;
    private final PartyRegister register;
    private final CorrespondenceNotifier notifier;
    private final AttachmentRepository attachments;
    private final AttachmentUploads uploads;
    private final AttachmentRetention retention;
    private final ForwardEmails forwardEmails;

    CorrespondenceLifecycle(CorrespondenceRepository correspondences, CorrespondenceStatusService statuses, PartyRegister register,
                            CorrespondenceNotifier notifier, AttachmentRepository attachments, AttachmentUploads uploads,
                            AttachmentRetention retention, ForwardEmails forwardEmails) {
        this.forwardEmails = forwardEmails;
        this.retention = retention;
        this.attachments = attachments;
        this.uploads = uploads;
        this.correspondences = correspondences;
        this.statuses = statuses;
        this.register = register;
        this.notifier = notifier;
    }

    /**
     * Scans the correspondence's uploaded attachments through the MalwareScanner port; one infected file fails the
     * correspondence ({@code CorrespondencePublishFailed}).
     *
     * @return whether every attachment is clean and published
     */
    public boolean scanAttachments(UUID id) {
        boolean clean = true;
        for (Attachment a : attachments.ofCorrespondence(id)) {
            clean &= uploads.scan(a.id());
        }
        if (!clean) {
            failCorrespondence(id);
        }
        return clean;
    }

    @Transactional
    void failCorrespondence(UUID id) {
        statuses.change(load(id), Failed, "An attachment failed its malware scan", Initialized, ReadyForPublish);
    }

    /** All attachments are uploaded and clean: ready to publish. */
    @Transactional
    public void markReadyForPublish(UUID id) {
        statuses.change(load(id), ReadyForPublish, null, Initialized);
    }

    /**
     * At the requested publish time: a person who has reserved themselves (and no {@code ignoreReservation}) gets
     * {@code Reserved} and nothing is delivered; otherwise {@code Published}.
     *
     * @return whether the correspondence is published
     */
    @Transactional
    public boolean publish(UUID id) {
        Correspondence c = load(id);
        if (c.status() == Published || correspondences.hasBeen(id, Published)) {
            return true;
        }
        if (c.status() != ReadyForPublish) {
            return false;
        }
        if (!c.ignoreReservation() && register.isReserved(PartyId.parse(c.recipient()))) {
            statuses.change(c, Reserved, "Recipient has reserved themselves against digital correspondence", ReadyForPublish);
            return false;
        }
        return statuses.change(c, Published, null, ReadyForPublish);
    }

    /**
     * Sends the first notification.
     *
     * @return when the reminder is due, should one be wanted
     */
    public Instant sendNotification(UUID id) {
        notifier.send(id, false);
        return notifier.reminderTime(id);
    }

    /** The reminder goes out only while the correspondence is unread. */
    public void sendReminder(UUID id) {
        notifier.send(id, true);
    }

    @Transactional
    public void reportDueDate(UUID id) {
        Correspondence c = load(id);
        if (!c.status().isPurged()) {
            statuses.dueDatePassed(c);
        }
    }

    /** The email of a forward (bpmn/correspondence-forward-email.bpmn): sent once; a failure fails the step while attempts are left. */
    public void sendForwardEmail(UUID forwardingId) {
        forwardEmails.send(forwardingId);
    }

    /** At {@code allowSystemDeleteAfter}: purged by Altinn, with the attachments no other correspondence in use links to. */
    @Transactional
    public void purgeByAltinn(UUID id) {
        Correspondence c = load(id);
        if (!c.status().isPurged()) {
            statuses.change(c, PurgedByAltinn, null);
            retention.purgeNoLongerLinked(id);
        }
    }

    /**
     * Expires the correspondence's attachments whose time has come (whatever its status, as upstream).
     *
     * @return when the next of its attachments expires, null when none is left
     */
    @Transactional
    public Instant expireAttachments(UUID id) {
        load(id);
        return retention.expireDue(id);
    }

    private Correspondence load(UUID id) {
        return correspondences.findForUpdate(id).orElseThrow(() -> new IllegalStateException("No correspondence " + id));
    }
}
