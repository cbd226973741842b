package no.formidling.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.broker.FileTransfer;
import no.formidling.broker.FileTransferLifecycle;
import no.formidling.broker.FileTransferStatus;
import no.formidling.scan.MalwareScanner;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bpmn/broker-file-transfer.bpmn on the engine alone, driven through {@link CamundaFileTransferProcess} with the real
 * delegates over a mocked lifecycle: which steps run, in which order, when the timers fire, and what a failing step does.
 */
class FileTransferModelTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(7));
    private static final Duration GRACE = Duration.ofHours(2);

    private final FileTransferLifecycle lifecycle = EngineOnly.FILE_TRANSFER_STEPS;
    private final MalwareScanner scanner = mock(MalwareScanner.class);
    private final UUID id = UUID.randomUUID();
    private EngineOnly engine;
    private CamundaFileTransferProcess process;

    @BeforeEach
    void useTheSharedEngine() {
        ClockUtil.setCurrentTime(Date.from(NOW));
        engine = EngineOnly.shared();
        reset(lifecycle);
        process = new CamundaFileTransferProcess(engine.engine().getRuntimeService(), scanner);
        when(scanner.enabled()).thenReturn(true);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private ProcessInstance start(boolean useVirusScan, boolean purgeAfterAllConfirmed) {
        process.start(new FileTransfer(id, "resource", "file.txt", null, "0192:991825827", null, null, useVirusScan, null, Map.of(),
                FileTransferStatus.Initialized, null, NOW, NOW, EXPIRES, null, List.of()), GRACE, purgeAfterAllConfirmed);
        return engine.instance(id);
    }

    @Test
    void aCleanScannedFileIsPublishedAndPurgedAfterTheGracePeriodOnceAllConfirmed() throws IOException {
        when(lifecycle.scanForMalware(id)).thenReturn(MalwareScanner.Verdict.CLEAN);
        ProcessInstance instance = start(true, true);
        assertThat(instance).isWaitingAt("Event_AwaitUpload");

        process.uploadCompleted(id);
        engine.execute(instance, "Task_ScanMalware");
        assertThat(instance).isWaitingAt("Gateway_AwaitConfirmations");
        verify(lifecycle).publish(id);

        process.allRecipientsConfirmed(id);
        assertThat(engine.job(instance, "Event_GracePeriodOver").getDuedate()).isEqualTo(Date.from(NOW.plus(GRACE)));
        engine.execute(instance, "Event_GracePeriodOver");
        engine.execute(instance, "Task_PurgeFileTransfer");

        assertThat(instance).hasPassedInOrder("Task_ScanMalware", "Task_PublishFileTransfer", "Event_AllRecipientsConfirmed",
                "Event_GracePeriodOver", "Task_PurgeFileTransfer", "EndEvent_Purged").hasNotPassed("Task_ReportNeverConfirmed").isEnded();
        verify(lifecycle).purge(id);
    }

    @Test
    void withoutAScanTheUploadedFileIsPublishedAtOnce() throws IOException {
        when(scanner.enabled()).thenReturn(false);
        ProcessInstance instance = start(true, true);

        process.uploadCompleted(id);

        assertThat(instance).hasPassed("Task_PublishFileTransfer").hasNotPassed("Task_ScanMalware").isWaitingAt("Gateway_AwaitConfirmations");
        verify(lifecycle, never()).scanForMalware(any());
    }

    @Test
    void anInfectedFileFailsAndItsBlobIsDeletedNeverPublished() throws IOException {
        when(lifecycle.scanForMalware(id)).thenReturn(new MalwareScanner.Verdict(true, "Malicious"));
        ProcessInstance instance = start(true, true);

        process.uploadCompleted(id);
        engine.execute(instance, "Task_ScanMalware");
        engine.execute(instance, "Task_DeleteFailedUpload");

        assertThat(instance).hasPassedInOrder("Task_FailInfectedFileTransfer", "Task_DeleteFailedUpload", "EndEvent_Failed")
                .hasNotPassed("Task_PublishFileTransfer").isEnded();
        verify(lifecycle).failInfected(id, "Malicious");
        verify(lifecycle, never()).publish(any());
    }

    @Test
    void aFailedUploadDeletesWhatWasStoredAndEndsFailed() throws IOException {
        ProcessInstance instance = start(true, true);

        process.uploadFailed(id);
        engine.execute(instance, "Task_DeleteFailedUpload");

        assertThat(instance).hasPassed("EndEvent_Failed").hasNotPassed("Task_ScanMalware", "Task_PublishFileTransfer").isEnded();
        verify(lifecycle).deleteBlob(id);
    }

    @Test
    void aFileNeverConfirmedIsReportedAndPurgedWhenItsTimeToLiveIsReached() throws IOException {
        ProcessInstance instance = start(false, true);
        process.uploadCompleted(id);

        assertThat(engine.job(instance, "Event_Expired").getDuedate()).isEqualTo(Date.from(EXPIRES));
        engine.execute(instance, "Event_Expired");
        engine.execute(instance, "Task_PurgeFileTransfer");

        assertThat(instance).hasPassedInOrder("Event_Expired", "Task_ReportNeverConfirmed", "Task_PurgeFileTransfer", "EndEvent_Purged")
                .hasNotPassed("Event_AllRecipientsConfirmed").isEnded();
        verify(lifecycle).reportNeverConfirmed(id);
        verify(lifecycle).purge(id);
    }

    @Test
    void aConfirmedFileIsKeptUntilItsTimeToLiveWhenTheResourceDoesNotPurgeOnConfirmation() throws IOException {
        ProcessInstance instance = start(false, false);
        process.uploadCompleted(id);
        process.allRecipientsConfirmed(id);

        assertThat(instance).isWaitingAt("Event_ExpiredAfterConfirmed");
        assertThat(engine.job(instance, "Event_ExpiredAfterConfirmed").getDuedate()).isEqualTo(Date.from(EXPIRES));
        engine.execute(instance, "Event_ExpiredAfterConfirmed");
        engine.execute(instance, "Task_PurgeFileTransfer");

        assertThat(instance).hasPassed("EndEvent_Purged").hasNotPassed("Event_GracePeriodOver", "Task_ReportNeverConfirmed").isEnded();
    }

    @Test
    void aScanThatKeepsFailingIsRetriedAMinuteApartThenRaisesAnIncidentAndPublishesNothing() throws IOException {
        when(lifecycle.scanForMalware(id)).thenThrow(new IOException("clamd unreachable"));
        ProcessInstance instance = start(true, true);
        process.uploadCompleted(id);

        assertThatThrownBy(() -> engine.execute(instance, "Task_ScanMalware")).hasMessageContaining("clamd unreachable");
        assertThat(engine.job(instance, "Task_ScanMalware").getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(1))));
        int runs = 1 + engine.executeUntilOutOfRetries(instance, "Task_ScanMalware");

        assertThat(runs).isEqualTo(3);
        assertThat(engine.incidents(instance)).isEqualTo(1);
        assertThat(instance).isWaitingAt("Task_ScanMalware");
        verify(lifecycle, never()).publish(any());
    }

    @Test
    void aRetriedScanThatSucceedsGoesOnToPublish() throws IOException {
        when(lifecycle.scanForMalware(id)).thenThrow(new IOException("clamd unreachable")).thenReturn(MalwareScanner.Verdict.CLEAN);
        ProcessInstance instance = start(true, true);
        process.uploadCompleted(id);

        assertThatThrownBy(() -> engine.execute(instance, "Task_ScanMalware")).isNotNull();
        engine.execute(instance, "Task_ScanMalware");

        assertThat(instance).hasPassed("Task_PublishFileTransfer").isWaitingAt("Gateway_AwaitConfirmations");
    }

    @Test
    void cancellingAPublishedFilePurgesItAndEndsTheProcess() throws IOException {
        ProcessInstance instance = start(false, true);
        process.uploadCompleted(id);

        process.cancelled(id);
        engine.execute(instance, "Task_PurgeCancelledFileTransfer");

        assertThat(instance).hasPassedInOrder("StartEvent_CancelRequested", "Task_PurgeCancelledFileTransfer", "EndEvent_CancelledPurged")
                .hasNotPassed("Task_PurgeFileTransfer").isEnded();
        verify(lifecycle).purge(id);
    }

    @Test
    void cancellingAfterTheProcessEndedChangesNothing() throws IOException {
        ProcessInstance instance = start(true, true);
        process.uploadFailed(id);
        engine.execute(instance, "Task_DeleteFailedUpload");

        process.cancelled(id);

        assertThat(instance).isEnded();
        verify(lifecycle, never()).purge(any());
    }
}
