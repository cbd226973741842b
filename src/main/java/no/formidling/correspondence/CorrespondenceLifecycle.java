package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceStatus.*;

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

    CorrespondenceLifecycle(CorrespondenceRepository correspondences, CorrespondenceStatusService statuses, PartyRegister register,
                            CorrespondenceNotifier notifier) {
        this.correspondences = correspondences;
        this.statuses = statuses;
        this.register = register;
        this.notifier = notifier;
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

    public void sendNotification(UUID id) {
        notifier.send(id, false);
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

    @Transactional
    public void purgeByAltinn(UUID id) {
        Correspondence c = load(id);
        if (!c.status().isPurged()) {
            statuses.change(c, PurgedByAltinn, null);
        }
    }

    private Correspondence load(UUID id) {
        return correspondences.findForUpdate(id).orElseThrow(() -> new IllegalStateException("No correspondence " + id));
    }
}
