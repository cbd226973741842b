package no.formidling.correspondence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import no.formidling.auth.Parties;
import no.formidling.events.EventOutbox;
import no.formidling.events.EventSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place where a correspondence's status changes: sets the current status, appends the history row (unique
 * per status, so a repeated step changes nothing) and writes upstream's event in the same transaction.
 */
@Service
class CorrespondenceStatusService {
    private final CorrespondenceRepository correspondences;
    private final EventOutbox outbox;
    private final Clock clock;

    CorrespondenceStatusService(CorrespondenceRepository correspondences, EventOutbox outbox, Clock clock) {
        this.correspondences = correspondences;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A new correspondence: stores it with its first status and announces it to the sender. */
    @Transactional(propagation = Propagation.MANDATORY)
    void created(Correspondence c) {
        correspondences.insert(c);
        if (c.status() == CorrespondenceStatus.Reserved) {
            toSender(c, "CorrespondenceReceiverReserved");
        } else {
            toSender(c, "CorrespondenceInitialized");
        }
    }

    /** Moves to {@code to} when the current status is one of {@code from} (any when none given); false when nothing changed. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean change(Correspondence c, CorrespondenceStatus to, String text, CorrespondenceStatus... from) {
        Instant now = clock.instant();
        if (!correspondences.setCurrent(c.id(), to, text == null ? to.name() : text, now, List.of(from))) {
            return false;
        }
        if (!correspondences.appendHistory(c.id(), to, text == null ? to.name() : text, now)) {
            return true;
        }
        switch (to) {
            case Published -> event(c, "CorrespondencePublished", c.recipient());
            case Failed -> toSender(c, "CorrespondencePublishFailed");
            case Reserved -> toSender(c, "CorrespondenceReceiverReserved");
            case Read -> toSender(c, "CorrespondenceReceiverRead");
            case Confirmed -> toSender(c, "CorrespondenceReceiverConfirmed");
            case Replied -> toSender(c, "CorrespondenceReceiverReplied");
            case Archived -> toSender(c, "CorrespondenceArchived");
            case PurgedByAltinn, PurgedByRecipient -> toSender(c, "CorrespondencePurged");
            default -> { }
        }
        return true;
    }

    /** A recipient's fetch: recorded once in the history; the current status moves only from Published. */
    @Transactional(propagation = Propagation.MANDATORY)
    void fetched(Correspondence c) {
        Instant now = clock.instant();
        if (correspondences.appendHistory(c.id(), CorrespondenceStatus.Fetched, CorrespondenceStatus.Fetched.name(), now)) {
            correspondences.setCurrent(c.id(), CorrespondenceStatus.Fetched, CorrespondenceStatus.Fetched.name(), now, Set.of(CorrespondenceStatus.Published));
        }
    }

    /** Due date passed: tells the recipient what was never read or confirmed. */
    @Transactional(propagation = Propagation.MANDATORY)
    void dueDatePassed(Correspondence c) {
        if (!correspondences.hasBeen(c.id(), CorrespondenceStatus.Read)) {
            event(c, "CorrespondenceReceiverNeverRead", c.recipient());
        }
        if (c.isConfirmationNeeded() && !correspondences.hasBeen(c.id(), CorrespondenceStatus.Confirmed)) {
            event(c, "CorrespondenceReceiverNeverConfirmed", c.recipient());
        }
    }

    /** A notification event (NotificationCreated, CorrespondenceNotificationDelivered, ...) to the sender. */
    @Transactional(propagation = Propagation.MANDATORY)
    void notificationEvent(Correspondence c, String name, java.util.UUID instance, EventSource source) {
        outbox.append(source, name, c.resourceId(), instance, Parties.asUrn(c.sender()), null);
    }

    private void toSender(Correspondence c, String name) {
        event(c, name, Parties.asUrn(c.sender()));
    }

    private void event(Correspondence c, String name, String subjectUrn) {
        outbox.append(CorrespondenceEvents.CORRESPONDENCE, name, c.resourceId(), c.id(), subjectUrn, null);
    }
}
