package no.formidling.correspondence;

import java.time.Instant;
import java.util.UUID;

/** The port to the process engine that drives bpmn/correspondence.bpmn (and a forward's email); implemented in the process package. */
public interface CorrespondenceProcess {

    /**
     * When the steps of one correspondence are due.
     *
     * @param notificationTime      null when no notification was ordered
     * @param attachmentsExpireFrom when the first linked attachment expires; null when none does
     */
    record Schedule(Instant publishTime, Instant notificationTime, boolean sendReminder, Instant dueDateTime,
                    Instant allowSystemDeleteAfter, Instant attachmentsExpireFrom) {
    }

    /** Starts the lifecycle of a new correspondence, inside the caller's transaction. */
    void start(UUID correspondenceId, Schedule schedule);

    /** Starts the delivery of a forward's email (with the retries of every process step), inside the caller's transaction. */
    void sendForwardEmail(UUID forwardingId);
}
