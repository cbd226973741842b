package no.formidling.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import no.formidling.correspondence.CorrespondenceLifecycle;
import no.formidling.correspondence.CorrespondenceProcess.Schedule;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bpmn/correspondence.bpmn on the engine alone, driven through {@link CamundaCorrespondenceProcess} with the real
 * delegates over a mocked lifecycle: the path from scan to purge, each timer's time, and what a failing step does.
 */
class CorrespondenceModelTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant PUBLISH = NOW.plus(Duration.ofHours(1));
    private static final Instant NOTIFY = PUBLISH.plus(Duration.ofMinutes(5));
    private static final Instant REMIND = NOTIFY.plus(Duration.ofDays(7));
    private static final Instant DUE = NOW.plus(Duration.ofDays(30));
    private static final Instant DELETE_AFTER = NOW.plus(Duration.ofDays(365));

    private final CorrespondenceLifecycle lifecycle = EngineOnly.CORRESPONDENCE_STEPS;
    private final UUID id = UUID.randomUUID();
    private EngineOnly engine;
    private CamundaCorrespondenceProcess process;

    @BeforeEach
    void useTheSharedEngine() {
        ClockUtil.setCurrentTime(Date.from(NOW));
        engine = EngineOnly.shared();
        reset(lifecycle);
        process = new CamundaCorrespondenceProcess(engine.engine().getRuntimeService());
        when(lifecycle.scanAttachments(id)).thenReturn(true);
        when(lifecycle.publish(id)).thenReturn(true);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ProcessInstance start(Schedule schedule) {
        process.start(id, schedule);
        return engine.instance(id);
    }

    /** Scan and ready for publish in one job, then the publish timer at its time, which publishes. */
    private void publish(ProcessInstance instance) {
        engine.execute(instance, "Task_ScanAttachments");
        assertThat(engine.job(instance, "Event_PublishTimeReached").getDuedate()).isEqualTo(Date.from(PUBLISH));
        engine.execute(instance, "Event_PublishTimeReached");
    }

    @Test
    void aPlainCorrespondenceIsScannedMadeReadyPublishedAtItsTimeAndCompleted() {
        ProcessInstance instance = start(new Schedule(PUBLISH, null, false, null, null, null));

        publish(instance);

        assertThat(instance).hasPassedInOrder("Task_ScanAttachments", "Task_MarkReadyForPublish", "Event_PublishTimeReached",
                "Task_PublishCorrespondence", "EndEvent_Completed").hasPassed("EndEvent_AttachmentsDone")
                .hasNotPassed("Task_SendNotification", "Task_ReportDueDate", "Task_PurgeByAltinn").isEnded();
        verify(lifecycle).markReadyForPublish(id);
        verify(lifecycle).publish(id);
    }

    @Test
    void aCorrespondenceDueNowIsPublishedInTheScanJobAndItsNotificationIsTheNextJob() {
        ProcessInstance instance = start(new Schedule(NOW, NOW, false, null, null, null));

        engine.execute(instance, "Task_ScanAttachments");

        assertThat(instance).hasPassedInOrder("Task_ScanAttachments", "Task_MarkReadyForPublish", "Task_PublishCorrespondence")
                .hasNotPassed("Event_PublishTimeReached").isWaitingAt("Task_SendNotification");
        assertThat(engine.job(instance, "Task_SendNotification").getDuedate()).as("an async step, not a timer").isNull();
        verify(lifecycle).publish(id);
        engine.execute(instance, "Task_SendNotification");
        assertThat(instance).hasNotPassed("Event_NotificationDue").hasPassed("EndEvent_Completed").isEnded();
        verify(lifecycle).sendNotification(id);
    }

    @Test
    void aPublishThatFailsAtItsTimeIsRetriedByTheTimerThenRaisesAnIncident() {
        when(lifecycle.publish(id)).thenThrow(new IllegalStateException("database down"));
        ProcessInstance instance = start(new Schedule(PUBLISH, null, false, null, null, null));
        engine.execute(instance, "Task_ScanAttachments");
        ClockUtil.setCurrentTime(Date.from(PUBLISH));

        assertThatThrownBy(() -> engine.execute(instance, "Event_PublishTimeReached")).hasMessageContaining("database down");
        assertThat(engine.job(instance, "Event_PublishTimeReached").getDuedate()).isEqualTo(Date.from(PUBLISH.plus(Duration.ofMinutes(1))));
        int runs = 1 + engine.executeUntilOutOfRetries(instance, "Event_PublishTimeReached");

        assertThat(runs).isEqualTo(3);
        assertThat(engine.incidents(instance)).isEqualTo(1);
        assertThat(instance).isWaitingAt("Event_PublishTimeReached").hasNotPassed("Task_PublishCorrespondence");
    }

    @Test
    void anInfectedAttachmentEndsTheCorrespondenceFailedBeforeItIsReady() {
        when(lifecycle.scanAttachments(id)).thenReturn(false);
        ProcessInstance instance = start(new Schedule(PUBLISH, null, false, null, null, null));

        engine.execute(instance, "Task_ScanAttachments");

        assertThat(instance).hasPassed("EndEvent_Failed").hasNotPassed("Task_MarkReadyForPublish", "Task_PublishCorrespondence").isEnded();
        verify(lifecycle, never()).publish(any());
    }

    @Test
    void aCorrespondenceNotPublishedForAReservedRecipientSendsNoNotification() {
        when(lifecycle.publish(id)).thenReturn(false);
        ProcessInstance instance = start(new Schedule(PUBLISH, NOTIFY, true, DUE, DELETE_AFTER, null));

        publish(instance);

        assertThat(instance).hasPassed("EndEvent_NotPublished").hasNotPassed("Event_NotificationDue", "Event_DueDateReached").isEnded();
        verify(lifecycle, never()).sendNotification(any());
    }

    @Test
    void notificationReminderDueDateAndSystemDeleteEachWaitForTheirOwnTime() {
        when(lifecycle.sendNotification(id)).thenReturn(REMIND);
        ProcessInstance instance = start(new Schedule(PUBLISH, NOTIFY, true, DUE, DELETE_AFTER, null));
        publish(instance);

        assertThat(engine.job(instance, "Event_NotificationDue").getDuedate()).isEqualTo(Date.from(NOTIFY));
        engine.execute(instance, "Event_NotificationDue");
        engine.execute(instance, "Task_SendNotification");
        assertThat(engine.job(instance, "Event_ReminderDue").getDuedate()).as("the time the notification step answered").isEqualTo(Date.from(REMIND));
        engine.execute(instance, "Event_ReminderDue");
        engine.execute(instance, "Task_SendReminder");
        assertThat(engine.job(instance, "Event_DueDateReached").getDuedate()).isEqualTo(Date.from(DUE));
        engine.execute(instance, "Event_DueDateReached");
        engine.execute(instance, "Task_ReportDueDate");
        assertThat(engine.job(instance, "Event_AllowSystemDeleteAfter").getDuedate()).isEqualTo(Date.from(DELETE_AFTER));
        engine.execute(instance, "Event_AllowSystemDeleteAfter");
        engine.execute(instance, "Task_PurgeByAltinn");

        assertThat(instance).hasPassedInOrder("Task_PublishCorrespondence", "Task_SendNotification", "Task_SendReminder", "Task_ReportDueDate",
                "Task_PurgeByAltinn", "EndEvent_PurgedByAltinn").hasNotPassed("EndEvent_Completed").isEnded();
        verify(lifecycle).sendReminder(id);
        verify(lifecycle).reportDueDate(id);
        verify(lifecycle).purgeByAltinn(id);
    }

    @Test
    void withoutAReminderTheNotificationIsTheLastMessageSent() {
        when(lifecycle.sendNotification(id)).thenReturn(REMIND);
        ProcessInstance instance = start(new Schedule(PUBLISH, NOTIFY, false, null, null, null));
        publish(instance);

        engine.execute(instance, "Event_NotificationDue");
        engine.execute(instance, "Task_SendNotification");

        assertThat(instance).hasPassed("EndEvent_Completed").hasNotPassed("Event_ReminderDue", "Task_SendReminder").isEnded();
    }

    @Test
    void attachmentsExpireOneTimerAfterAnotherWhilePublishingGoesOnBesideThem() {
        Instant first = NOW.plus(Duration.ofDays(10));
        Instant second = NOW.plus(Duration.ofDays(20));
        when(lifecycle.expireAttachments(id)).thenReturn(second, (Instant) null);
        ProcessInstance instance = start(new Schedule(PUBLISH, null, false, null, null, first));

        assertThat(engine.job(instance, "Event_AttachmentsExpire").getDuedate()).isEqualTo(Date.from(first));
        publish(instance);
        assertThat(instance).hasPassed("EndEvent_Completed").isWaitingAt("Event_AttachmentsExpire");
        engine.execute(instance, "Event_AttachmentsExpire");
        engine.execute(instance, "Task_ExpireAttachments");
        assertThat(engine.job(instance, "Event_AttachmentsExpire").getDuedate()).as("the next expiry the step answered").isEqualTo(Date.from(second));
        engine.execute(instance, "Event_AttachmentsExpire");
        engine.execute(instance, "Task_ExpireAttachments");

        assertThat(instance).hasPassed("EndEvent_AttachmentsDone").isEnded();
        verify(lifecycle, times(2)).expireAttachments(id);
    }

    @Test
    void aNotificationThatKeepsFailingIsRetriedThenRaisesAnIncidentAndTheProcessWaitsThere() {
        when(lifecycle.sendNotification(id)).thenThrow(new IllegalStateException("SMTP down"));
        ProcessInstance instance = start(new Schedule(PUBLISH, NOTIFY, true, DUE, null, null));
        publish(instance);
        engine.execute(instance, "Event_NotificationDue");

        assertThatThrownBy(() -> engine.execute(instance, "Task_SendNotification")).hasMessageContaining("SMTP down");
        assertThat(engine.job(instance, "Task_SendNotification").getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(1))));
        int runs = 1 + engine.executeUntilOutOfRetries(instance, "Task_SendNotification");

        assertThat(runs).isEqualTo(3);
        assertThat(engine.incidents(instance)).isEqualTo(1);
        assertThat(instance).isWaitingAt("Task_SendNotification").hasNotPassed("Event_ReminderDue");
    }
}
