package no.formidling.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.UUID;
import no.formidling.correspondence.CorrespondenceLifecycle;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bpmn/correspondence-forward-email.bpmn on the engine alone: one asynchronous send, retried while it fails. */
class ForwardEmailModelTest {
    private final CorrespondenceLifecycle lifecycle = EngineOnly.CORRESPONDENCE_STEPS;
    private final UUID forwardingId = UUID.randomUUID();
    private EngineOnly engine;
    private CamundaCorrespondenceProcess process;

    @BeforeEach
    void useTheSharedEngine() {
        engine = EngineOnly.shared();
        reset(lifecycle);
        process = new CamundaCorrespondenceProcess(engine.engine().getRuntimeService());
    }

    private ProcessInstance start() {
        process.sendForwardEmail(forwardingId);
        return engine.instance(forwardingId);
    }

    @Test
    void theEmailIsSentAfterTheForwardIsCommittedAndTheProcessEnds() {
        ProcessInstance instance = start();
        assertThat(instance).as("the send waits for its own job, after the caller's commit").isWaitingAt("Task_SendForwardEmail");

        engine.execute(instance, "Task_SendForwardEmail");

        assertThat(instance).hasPassed("EndEvent_EmailDone").isEnded();
        verify(lifecycle).sendForwardEmail(forwardingId);
    }

    @Test
    void aFailedSendIsRetriedAndTheProcessEndsOnceItGoesOut() {
        doThrow(new IllegalStateException("SMTP down")).doNothing().when(lifecycle).sendForwardEmail(forwardingId);
        ProcessInstance instance = start();

        assertThatThrownBy(() -> engine.execute(instance, "Task_SendForwardEmail")).hasMessageContaining("SMTP down");
        assertThat(instance).isWaitingAt("Task_SendForwardEmail");
        engine.execute(instance, "Task_SendForwardEmail");

        assertThat(instance).isEnded();
        verify(lifecycle, times(2)).sendForwardEmail(forwardingId);
    }

    @Test
    void aSendThatKeepsFailingRaisesAnIncident() {
        doThrow(new IllegalStateException("SMTP down")).when(lifecycle).sendForwardEmail(forwardingId);
        ProcessInstance instance = start();

        int runs = engine.executeUntilOutOfRetries(instance, "Task_SendForwardEmail");

        assertThat(runs).isEqualTo(3);
        assertThat(engine.incidents(instance)).isEqualTo(1);
        assertThat(instance).isWaitingAt("Task_SendForwardEmail");
    }
}
