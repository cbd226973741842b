package no.formidling.process;

import static no.formidling.process.BrokerProcessKeys.VAR_MALWARE_DETAIL;
import static no.formidling.process.BrokerProcessKeys.VAR_MALWARE_FOUND;

import java.util.UUID;
import no.formidling.broker.FileTransferLifecycle;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of bpmn/broker-file-transfer.bpmn, one bean per step (bean name = the model's expression).
 * Each only reads the transfer id and calls one idempotent lifecycle step.
 */
@Configuration(proxyBeanMethods = false)
class FileTransferDelegates {

    /** The business key is the transfer id. */
    static UUID transferId(DelegateExecution execution) {
        return UUID.fromString(execution.getProcessBusinessKey());
    }

    @Bean
    JavaDelegate scanMalwareDelegate(FileTransferLifecycle lifecycle) {
        return execution -> {
            var verdict = lifecycle.scanForMalware(transferId(execution));
            execution.setVariable(VAR_MALWARE_FOUND, verdict.infected());
            execution.setVariable(VAR_MALWARE_DETAIL, verdict.detail());
        };
    }

    @Bean
    JavaDelegate publishFileTransferDelegate(FileTransferLifecycle lifecycle) {
        return execution -> lifecycle.publish(transferId(execution));
    }

    @Bean
    JavaDelegate failInfectedFileTransferDelegate(FileTransferLifecycle lifecycle) {
        return execution -> lifecycle.failInfected(transferId(execution), (String) execution.getVariable(VAR_MALWARE_DETAIL));
    }

    /** Only instances started on model versions before AbandonedUploadSweeper still reach this step (by their timer). */
    @Bean
    JavaDelegate failAbandonedUploadDelegate(FileTransferLifecycle lifecycle) {
        return execution -> lifecycle.failAbandonedUpload(transferId(execution));
    }

    @Bean
    JavaDelegate reportNeverConfirmedDelegate(FileTransferLifecycle lifecycle) {
        return execution -> lifecycle.reportNeverConfirmed(transferId(execution));
    }

    @Bean
    JavaDelegate purgeFileTransferDelegate(FileTransferLifecycle lifecycle) {
        return execution -> lifecycle.purge(transferId(execution));
    }

    @Bean
    JavaDelegate deleteFileTransferBlobDelegate(FileTransferLifecycle lifecycle) {
        return execution -> lifecycle.deleteBlob(transferId(execution));
    }
}
