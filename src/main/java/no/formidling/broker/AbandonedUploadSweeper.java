package no.formidling.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fails transfers whose upload did not complete within {@code formidling.broker.abandoned-upload-timeout} of their
 * initialization, and hands them to their process as a failed upload (which deletes any bytes). One query over the
 * transfers still waiting for their upload replaces a timer job per transfer: that job cost every lifecycle an
 * insert, a lookup and a delete in the engine's tables.
 */
@Component
public class AbandonedUploadSweeper {
    private static final Logger log = LoggerFactory.getLogger(AbandonedUploadSweeper.class);
    private static final int BATCH = 100;

    private final FileTransferRepository transfers;
    private final FailFileUpload fail;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration timeout;

    AbandonedUploadSweeper(FileTransferRepository transfers, FailFileUpload fail, TransactionTemplate tx, Clock clock,
                           @Value("${formidling.broker.abandoned-upload-timeout}") Duration timeout) {
        this.transfers = transfers;
        this.fail = fail;
        this.tx = tx;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Scheduled(initialDelayString = "${formidling.broker.abandoned-upload-sweep-interval}",
            fixedDelayString = "${formidling.broker.abandoned-upload-sweep-interval}")
    void sweepOnSchedule() {
        try {
            int failed = sweep();
            if (failed > 0) {
                log.info("Failed {} transfer(s) whose upload did not complete within {}", failed, timeout);
            }
        } catch (RuntimeException e) {
            log.warn("Sweeping abandoned uploads failed (next sweep retries): {}", e.toString());
        }
    }

    /** Fails every transfer whose upload is overdue now, a batch per transaction; returns how many. */
    public int sweep() {
        int total = 0;
        int done;
        do {
            done = tx.execute(s -> failBatch(Instant.now(clock).minus(timeout)));
            total += done;
        } while (done == BATCH);
        return total;
    }

    private int failBatch(Instant cutoff) {
        List<UUID> overdue = transfers.lockUploadsCreatedBefore(cutoff, BATCH);
        for (UUID id : overdue) {
            fail.handle(transfers.lock(id).orElseThrow(), FailFileUpload.UPLOAD_ABORTED,
                    FileTransferStatus.Initialized, FileTransferStatus.UploadStarted);
        }
        return overdue.size();
    }
}
