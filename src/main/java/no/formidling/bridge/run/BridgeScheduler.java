package no.formidling.bridge.run;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.config.BridgeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Fires each enabled job at its cron times (in its zone). The fire time becomes the run's identifying parameter,
 * so when several nodes fire the same night, one runs it and the others find it running or done.
 */
@Component
public class BridgeScheduler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BridgeScheduler.class);
    private final JobCatalog catalog;
    private final BridgeRunner runner;
    private final BridgeProperties props;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final Map<String, ScheduledFuture<?>> planned = new ConcurrentHashMap<>();
    private final Map<String, Instant> nextRun = new ConcurrentHashMap<>();
    private volatile boolean running;

    public BridgeScheduler(JobCatalog catalog, BridgeRunner runner, BridgeProperties props) {
        this.catalog = catalog;
        this.runner = runner;
        this.props = props;
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("bridge-scheduler-");
        scheduler.setDaemon(true);
    }

    @Override
    public void start() {
        running = true;
        if (!props.scheduler()) {
            log.info("Bridge scheduler is off (formidling.bridge.scheduler=false): jobs run only when triggered");
            return;
        }
        scheduler.initialize();
        catalog.all().stream().filter(j -> j.definition().isEnabled()).forEach(this::planNext);
    }

    private void planNext(BridgeJob job) {
        ZonedDateTime next = job.cron().next(ZonedDateTime.now(job.zone()));
        if (next == null) {
            return;
        }
        Instant at = next.toInstant();
        nextRun.put(job.name(), at);
        planned.put(job.name(), scheduler.schedule(() -> fire(job, at), at));
        log.info("Bridge job {}: next run {} ({})", job.name(), next, job.definition().schedule().cron());
    }

    private void fire(BridgeJob job, Instant at) {
        try {
            runner.start(job.name(), at, "schedule").exceptionally(e -> {
                log.info("Bridge job {}: scheduled run for {} not started here: {}", job.name(), at, e.getMessage());
                return null;
            });
        } finally {
            if (running) {
                planNext(job);
            }
        }
    }

    public Optional<Instant> nextRun(String jobName) {
        return Optional.ofNullable(nextRun.get(jobName));
    }

    @Override
    public void stop() {
        running = false;
        planned.values().forEach(f -> f.cancel(false));
        scheduler.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
