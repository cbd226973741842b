package no.formidling.storage;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes bytes of uploads that never finished because the server died mid-stream. Whole blobs of failed
 * or abandoned transfers are removed by their process; this catches what no process knows about.
 */
@Component
@EnableScheduling
class PartialBlobSweeper {
    private static final Logger log = LoggerFactory.getLogger(PartialBlobSweeper.class);
    private final BlobStore store;
    private final Duration olderThan;

    PartialBlobSweeper(BlobStore store, @Value("${formidling.storage.partial-max-age:PT24H}") Duration olderThan) {
        this.store = store;
        this.olderThan = olderThan;
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    void sweep() {
        // Azure keeps a dead upload's bytes only as uncommitted blocks, which it discards by itself after
        // seven days: nothing to sweep there, so other stores are left alone.
        if (store instanceof FileSystemBlobStore fs) {
            try {
                int removed = fs.sweepPartials(olderThan);
                if (removed > 0) {
                    log.info("Removed {} partial upload file(s) older than {}", removed, olderThan);
                }
            } catch (IOException e) {
                log.warn("Sweeping partial uploads failed: {}", e.toString());
            }
        }
    }
}
