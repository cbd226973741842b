package no.formidling.correspondence;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The port to the process engine that drives bpmn/correspondence.bpmn; implemented in the process package. */
public interface CorrespondenceProcess {

    /**
     * When the steps of one correspondence are due.
     *
     * @param notificationTime null when no notification was ordered
     * @param reminderDelay    null when no reminder is wanted
     */
    record Schedule(Instant publishTime, Instant notificationTime, Duration reminderDelay, Instant dueDateTime,
                    Instant allowSystemDeleteAfter) {
    }

    /** Starts the lifecycle of a new correspondence, inside the caller's transaction. */
    void start(UUID correspondenceId, Schedule schedule);
}
