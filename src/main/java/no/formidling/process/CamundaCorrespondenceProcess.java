package no.formidling.process;

import static no.formidling.process.CorrespondenceProcessKeys.*;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import no.formidling.correspondence.CorrespondenceProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Drives bpmn/correspondence.bpmn (business key: the correspondence id) and bpmn/correspondence-forward-email.bpmn (the forwarding id). */
@Component
class CamundaCorrespondenceProcess implements CorrespondenceProcess {
    private final RuntimeService runtime;

    CamundaCorrespondenceProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void start(UUID id, Schedule s) {
        runtime.startProcessInstanceByKey(PROCESS, id.toString(), Variables.createVariables()
                .putValue(VAR_CORRESPONDENCE_ID, id.toString())
                .putValue(VAR_REQUESTED_PUBLISH_TIME, date(s.publishTime()))
                .putValue(VAR_HAS_NOTIFICATION, s.notificationTime() != null)
                .putValue(VAR_NOTIFICATION_TIME, date(s.notificationTime()))
                .putValue(VAR_SEND_REMINDER, s.sendReminder())
                .putValue(VAR_HAS_DUE_DATE, s.dueDateTime() != null)
                .putValue(VAR_DUE_DATE_TIME, date(s.dueDateTime()))
                .putValue(VAR_HAS_DELETE_AFTER, s.allowSystemDeleteAfter() != null)
                .putValue(VAR_DELETE_AFTER, date(s.allowSystemDeleteAfter()))
                .putValue(VAR_HAS_ATTACHMENT_EXPIRY, s.attachmentsExpireFrom() != null)
                .putValue(VAR_ATTACHMENT_EXPIRY_TIME, date(s.attachmentsExpireFrom())));
    }

    @Override
    public void sendForwardEmail(UUID forwardingId) {
        runtime.startProcessInstanceByKey(FORWARD_EMAIL_PROCESS, forwardingId.toString(),
                Variables.createVariables().putValue(VAR_FORWARDING_ID, forwardingId.toString()));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
