package no.formidling.process;

import static no.formidling.process.CorrespondenceProcessKeys.VAR_PUBLISHED;

import java.time.Instant;
import java.util.UUID;
import no.formidling.correspondence.CorrespondenceLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of bpmn/correspondence.bpmn and correspondence-forward-email.bpmn, one bean per step; each reads the id and calls one idempotent step. */
@Configuration(proxyBeanMethods = false)
class CorrespondenceDelegates {

    static UUID correspondenceId(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }

    @Bean
    JavaDelegate scanAttachmentsDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> execution.setVariable(CorrespondenceProcessKeys.VAR_ATTACHMENTS_CLEAN, lifecycle.scanAttachments(correspondenceId(execution)));
    }

    @Bean
    JavaDelegate markReadyForPublishDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> lifecycle.markReadyForPublish(correspondenceId(execution));
    }

    @Bean
    JavaDelegate publishCorrespondenceDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> execution.setVariable(VAR_PUBLISHED, lifecycle.publish(correspondenceId(execution)));
    }

    @Bean
    JavaDelegate sendNotificationDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> execution.setVariable(CorrespondenceProcessKeys.VAR_REMINDER_TIME,
                CamundaCorrespondenceProcess.date(lifecycle.sendNotification(correspondenceId(execution))));
    }

    @Bean
    JavaDelegate sendReminderDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> lifecycle.sendReminder(correspondenceId(execution));
    }

    @Bean
    JavaDelegate reportDueDateDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> lifecycle.reportDueDate(correspondenceId(execution));
    }

    @Bean
    JavaDelegate expireAttachmentsDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> {
            Instant next = lifecycle.expireAttachments(correspondenceId(execution));
            if (next == null) {
                execution.removeVariable(CorrespondenceProcessKeys.VAR_ATTACHMENT_EXPIRY_TIME);
            } else {
                execution.setVariable(CorrespondenceProcessKeys.VAR_ATTACHMENT_EXPIRY_TIME, CamundaCorrespondenceProcess.date(next));
            }
            if (execution.hasVariable(CorrespondenceProcessKeys.LEGACY_HAS_ATTACHMENT_EXPIRY)) {
                execution.setVariable(CorrespondenceProcessKeys.LEGACY_HAS_ATTACHMENT_EXPIRY, next != null);
            }
        };
    }

    @Bean
    JavaDelegate sendForwardEmailDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> lifecycle.sendForwardEmail(UUID.fromString((String) execution.getVariable(CorrespondenceProcessKeys.VAR_FORWARDING_ID)));
    }

    @Bean
    JavaDelegate purgeByAltinnDelegate(CorrespondenceLifecycle lifecycle) {
        return execution -> lifecycle.purgeByAltinn(correspondenceId(execution));
    }
}
