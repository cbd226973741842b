package no.formidling.bridge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import no.formidling.audit.AuditEntry;
import no.formidling.audit.AuditLog;
import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.run.BridgeRunner;
import no.formidling.bridge.run.BridgeScheduler;
import no.formidling.bridge.run.JobCatalog;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.stereotype.Component;

/**
 * Bridge jobs and their runs as the consoles (the admin API and the operations pages) see them: the jobs with their
 * schedules, the runs of a job newest first, one run with its audit rows, and starting or restarting a run. Only runs
 * of jobs in the catalog are found.
 */
@Component
public class BridgeRuns {
    private final JobCatalog catalog;
    private final BridgeRunner runner;
    private final BridgeScheduler scheduler;
    private final JobExplorer explorer;
    private final AuditLog audit;

    BridgeRuns(JobCatalog catalog, BridgeRunner runner, BridgeScheduler scheduler, JobExplorer explorer, AuditLog audit) {
        this.catalog = catalog;
        this.runner = runner;
        this.scheduler = scheduler;
        this.explorer = explorer;
        this.audit = audit;
    }

    /** A job as its file declares it, with the next time the scheduler starts it (null when it does not). */
    public record Job(String name, String direction, boolean enabled, String cron, String zone, String file, Instant nextRun) {
    }

    public List<Job> jobs() {
        return catalog.all().stream().map(this::job).toList();
    }

    public Optional<Job> job(String name) {
        return catalog.find(name).map(this::job);
    }

    private Job job(BridgeJob j) {
        return new Job(j.name(), j.definition().direction().name(), j.definition().isEnabled(), j.definition().schedule().cron(),
                j.zone().getId(), j.file().toString(), scheduler.nextRun(j.name()).orElse(null));
    }

    /** The job's latest runs, newest first. */
    public List<RunView> runs(String jobName, int limit) {
        List<JobExecution> executions = new ArrayList<>();
        for (JobInstance instance : explorer.getJobInstances(jobName, 0, limit)) {
            executions.addAll(explorer.getJobExecutions(instance));
        }
        return executions.stream().sorted(Comparator.comparing(JobExecution::getId).reversed()).limit(limit).map(RunView::of).toList();
    }

    public Optional<RunView> run(long runId) {
        JobExecution e = explorer.getJobExecution(runId);
        if (e == null || catalog.find(e.getJobInstance().getJobName()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RunView.of(e));
    }

    /** The audit rows of a run: one per file and step. */
    public List<AuditEntry> audit(long runId) {
        return audit.forRun(runId);
    }

    /** The newest run of the job that is going now, if any. */
    public Optional<Long> running(String jobName) {
        return explorer.findRunningJobExecutions(jobName).stream().map(JobExecution::getId).max(Long::compare);
    }

    /**
     * Starts a run now (its scheduled time is now) in the background; the future completes with its run id once it has
     * started, or fails with {@link NotLaunched} saying why it did not.
     */
    public CompletableFuture<Long> trigger(String jobName) {
        return launched(() -> runner.start(jobName, Instant.now(), "manual"));
    }

    /**
     * Restarts a failed or stopped run in the background: files resume where they stopped.
     *
     * @throws NotLaunched when the run completed
     */
    public CompletableFuture<Long> restart(long runId) {
        return launched(() -> runner.restart(runId));
    }

    /** Why a run was not started, in the consoles' terms. */
    public static final class NotLaunched extends RuntimeException {
        NotLaunched(BridgeRunner.NotLaunched cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static CompletableFuture<Long> launched(Supplier<CompletableFuture<Long>> launch) {
        try {
            return launch.get().exceptionallyCompose(e -> {
                Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                return CompletableFuture.failedFuture(cause instanceof BridgeRunner.NotLaunched n ? new NotLaunched(n) : cause);
            });
        } catch (BridgeRunner.NotLaunched e) {
            throw new NotLaunched(e);
        }
    }
}
