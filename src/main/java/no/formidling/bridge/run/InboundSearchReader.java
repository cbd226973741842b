package no.formidling.bridge.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.batch.item.ItemReader;

/**
 * Hands out Published transfers this job's organisation has not yet confirmed, page by page (the API gives at
 * most 100 ids a search), until a search brings nothing new.
 */
class InboundSearchReader implements ItemReader<UUID> {
    private static final List<String> OPEN_RECIPIENT_STATUSES = List.of("Initialized", "DownloadStarted");
    private final RunContext run;
    private final Deque<UUID> page = new ArrayDeque<>();
    private final Set<UUID> seen = new HashSet<>();

    InboundSearchReader(RunContext run) {
        this.run = run;
    }

    @Override
    public synchronized UUID read() {
        if (page.isEmpty()) {
            for (String recipientStatus : OPEN_RECIPIENT_STATUSES) {
                List<UUID> found = run.calls.execute(c -> run.broker.search(run.job.broker().resourceId(), "Published", recipientStatus, "Recipient"));
                for (UUID id : found) {
                    if (seen.add(id)) {
                        page.add(id);
                    }
                }
            }
        }
        return page.poll();
    }
}
