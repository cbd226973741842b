package no.formidling.bridge.run;

import java.util.concurrent.atomic.AtomicLong;
import no.formidling.audit.AuditLog;
import no.formidling.bridge.client.BrokerClient;
import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.endpoint.FileStore;
import org.springframework.retry.support.RetryTemplate;

/** What one run of one job works with: its folder side, its Broker client, retries and counts. */
final class RunContext implements AutoCloseable {
    final BridgeJob job;
    final FileStore store;
    final BrokerClient broker;
    final RetryTemplate calls;
    final RetryTemplate awaitPublished;
    final PickedFiles files;
    final AuditLog audit;
    final AtomicLong written = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    volatile long runId;

    RunContext(BridgeJob job, FileStore store, BrokerClient broker, PickedFiles files, AuditLog audit) {
        this.job = job;
        this.store = store;
        this.broker = broker;
        this.calls = Retries.calls(job);
        this.awaitPublished = Retries.awaitPublished(job);
        this.files = files;
        this.audit = audit;
    }

    void count(FileOutcome outcome) {
        switch (outcome) {
            case WRITTEN -> written.incrementAndGet();
            case SKIPPED -> skipped.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
