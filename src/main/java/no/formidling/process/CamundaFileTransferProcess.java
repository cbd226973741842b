package no.formidling.process;

import static no.formidling.process.BrokerProcessKeys.*;

import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import no.formidling.broker.FileTransfer;
import no.formidling.broker.FileTransferProcess;
import no.formidling.scan.MalwareScanner;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Drives bpmn/broker-file-transfer.bpmn; the transfer id is the business key. */
@Component
class CamundaFileTransferProcess implements FileTransferProcess {
    private final RuntimeService runtime;
    private final MalwareScanner scanner;

    CamundaFileTransferProcess(RuntimeService runtime, MalwareScanner scanner) {
        this.runtime = runtime;
        this.scanner = scanner;
    }

    @Override
    public void start(FileTransfer t, Duration purgeGracePeriod, boolean purgeAfterAllConfirmed) {
        // Only what the model's timers and gateways read: each variable is a row written per transfer.
        runtime.startProcessInstanceByKey(PROCESS, t.id().toString(), Variables.createVariables()
                .putValue(VAR_EXPIRATION_TIME, Date.from(t.expirationTime()))
                .putValue(VAR_GRACE_PERIOD, purgeGracePeriod.toString())
                .putValue(VAR_PURGE_AFTER_CONFIRMED, purgeAfterAllConfirmed)
                .putValue(VAR_SCAN_REQUIRED, t.useVirusScan() && scanner.enabled()));
    }

    @Override
    public void uploadCompleted(UUID id) {
        uploadFinished(id, true, EARLIER_MSG_UPLOAD_COMPLETED);
    }

    @Override
    public void uploadFailed(UUID id) {
        uploadFinished(id, false, EARLIER_MSG_UPLOAD_FAILED);
    }

    private void uploadFinished(UUID id, boolean completed, String earlierMessage) {
        boolean correlated = !runtime.createMessageCorrelation(MSG_UPLOAD_FINISHED).processInstanceBusinessKey(id.toString())
                .setVariable(VAR_UPLOAD_COMPLETED, Variables.booleanValue(completed, true))
                .correlateAllWithResult().isEmpty();
        if (!correlated) {
            correlate(earlierMessage, id);
        }
    }

    @Override
    public void allRecipientsConfirmed(UUID id) {
        correlate(MSG_ALL_CONFIRMED, id);
    }

    @Override
    public void cancelled(UUID id) {
        // The process may already have ended (e.g. failed upload); then there is nothing left to purge by it.
        runtime.createMessageCorrelation(MSG_CANCEL).processInstanceBusinessKey(id.toString()).correlateAll();
    }

    private void correlate(String message, UUID id) {
        runtime.createMessageCorrelation(message).processInstanceBusinessKey(id.toString()).correlate();
    }
}
