package no.formidling.process;

import static no.formidling.process.CorrespondenceProcessKeys.*;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import no.formidling.correspondence.CorrespondenceProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
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
        VariableMap variables = Variables.createVariables().putValue(VAR_REQUESTED_PUBLISH_TIME, date(s.publishTime()));
        if (s.notificationTime() != null) {
            variables.putValue(VAR_NOTIFICATION_TIME, date(s.notificationTime())).putValue(VAR_SEND_REMINDER, s.sendReminder());
        }
        putIfSet(variables, VAR_DUE_DATE_TIME, s.dueDateTime());
        putIfSet(variables, VAR_DELETE_AFTER, s.allowSystemDeleteAfter());
        putIfSet(variables, VAR_ATTACHMENT_EXPIRY_TIME, s.attachmentsExpireFrom());
        runtime.startProcessInstanceByKey(PROCESS, id.toString(), variables);
    }

    @Override
    public void sendForwardEmail(UUID forwardingId) {
        runtime.startProcessInstanceByKey(FORWARD_EMAIL_PROCESS, forwardingId.toString(),
                Variables.createVariables().putValue(VAR_FORWARDING_ID, forwardingId.toString()));
    }

    private static void putIfSet(VariableMap variables, String name, Instant time) {
        if (time != null) {
            variables.putValue(name, date(time));
        }
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
