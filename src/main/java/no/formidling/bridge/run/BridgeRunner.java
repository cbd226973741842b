package no.formidling.bridge.run;

import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import no.formidling.audit.AuditLog;
import no.formidling.bridge.client.BrokerClients;
import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.endpoint.FileStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Launches a job's runs under the cluster lock: now on this thread, in the background, or as a restart of a failed
 * run. Runs that a stopped node left marked as running are failed first ({@link DeadRuns}); the Spring Batch job
 * itself comes from {@link TransferJobFactory}. A run is one JobInstance per scheduled time (identifying parameter
 * {@code scheduledTime}), so the same night never runs twice, and a failed run restarts with the same parameters.
 */
@Component
public class BridgeRunner {
    public static final String SCHEDULED_TIME = RunParameters.SCHEDULED_TIME;
    public static final String TRIGGER = RunParameters.TRIGGER;
    private static final Logger log = LoggerFactory.getLogger(BridgeRunner.class);

    private final JobCatalog catalog;
    private final JobExplorer explorer;
    private final DeadRuns deadRuns;
    private final TransferJobFactory jobs;
    private final PickedFiles files;
    private final AuditLog audit;
    private final ClusterLock lock;
    private final TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
    private final ExecutorService background = Executors.newCachedThreadPool(named("bridge-run-"));

    public BridgeRunner(JobCatalog catalog, JobRepository repository, JobExplorer explorer, PlatformTransactionManager tx,
                        PickedFiles files, AuditLog audit, ClusterLock lock) throws Exception {
        this.catalog = catalog;
        this.explorer = explorer;
        this.deadRuns = new DeadRuns(explorer, repository);
        this.jobs = new TransferJobFactory(repository, tx);
        this.files = files;
        this.audit = audit;
        this.lock = lock;
        launcher.setJobRepository(repository);
        launcher.afterPropertiesSet();
    }

    /**
     * Runs still going when the server stops are interrupted; their threads are waited for while the database is
     * still there (it is stopped after this bean). A run that could not record its end is marked FAILED
     * (restartable) by the next start.
     */
    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        background.shutdownNow();
        if (!background.awaitTermination(20, TimeUnit.SECONDS)) {
            log.warn("Bridge runs did not stop within 20 s; the next start marks them FAILED");
        }
    }

    /** Why a launch did not happen. */
    public static class NotLaunched extends RuntimeException {
        public NotLaunched(String message) {
            super(message);
        }
    }

    /** Runs the job for the given scheduled time on this thread and returns the finished run. */
    public JobExecution run(String jobName, Instant scheduledTime, String trigger) {
        BridgeJob job = catalog.find(jobName).orElseThrow(() -> new NoSuchElementException("No bridge job named " + jobName));
        return launch(job, RunParameters.of(scheduledTime, trigger), null);
    }

    /** Starts a run in the background; the future completes with its run id once it has started. */
    public CompletableFuture<Long> start(String jobName, Instant scheduledTime, String trigger) {
        BridgeJob job = catalog.find(jobName).orElseThrow(() -> new NoSuchElementException("No bridge job named " + jobName));
        return startInBackground(job, RunParameters.of(scheduledTime, trigger));
    }

    /** Restarts a failed or stopped run: the same JobInstance, a new execution, files resume from their claims. */
    public CompletableFuture<Long> restart(long runId) {
        JobExecution failed = explorer.getJobExecution(runId);
        if (failed == null) {
            throw new NoSuchElementException("No bridge run " + runId);
        }
        String jobName = failed.getJobInstance().getJobName();
        BridgeJob job = catalog.find(jobName).orElseThrow(() -> new NoSuchElementException("No bridge job named " + jobName));
        if (failed.getStatus() == BatchStatus.COMPLETED) {
            throw new NotLaunched("Run " + runId + " completed; there is nothing to restart");
        }
        return startInBackground(job, failed.getJobParameters());
    }

    /** Same as {@link #restart(long)}, on this thread. */
    public JobExecution restartAndWait(long runId) {
        JobExecution failed = explorer.getJobExecution(runId);
        if (failed == null) {
            throw new NoSuchElementException("No bridge run " + runId);
        }
        BridgeJob job = catalog.find(failed.getJobInstance().getJobName()).orElseThrow();
        return launch(job, failed.getJobParameters(), null);
    }

    private CompletableFuture<Long> startInBackground(BridgeJob job, JobParameters params) {
        CompletableFuture<Long> started = new CompletableFuture<>();
        background.submit(() -> {
            try {
                launch(job, params, started);
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
                if (!(e instanceof NotLaunched)) {
                    log.error("Bridge job {} could not run: {}", job.name(), e.getMessage(), e);
                }
            }
        });
        return started;
    }

    private JobExecution launch(BridgeJob job, JobParameters params, CompletableFuture<Long> started) {
        AtomicReference<JobExecution> result = new AtomicReference<>();
        boolean ran = lock.runExclusively(job.name(), () -> {
            for (long stale : deadRuns.fail(job.name())) {
                log.warn("Bridge job {}: run {} was left running by a stopped node; marked FAILED (restartable)", job.name(), stale);
            }
            try (RunContext run = new RunContext(job, FileStores.open(job), BrokerClients.forJob(job), files, audit)) {
                ExecutorService workers = Executors.newFixedThreadPool(job.concurrency(), named("bridge-" + job.name() + "-"));
                try {
                    result.set(launcher.run(jobs.build(run, workers, started), params));
                } finally {
                    workers.shutdownNow();
                }
            } catch (JobInstanceAlreadyCompleteException e) {
                throw new NotLaunched("Bridge job " + job.name() + " already completed the run for " + params.getParameter(SCHEDULED_TIME).getValue());
            } catch (JobExecutionAlreadyRunningException e) {
                throw new NotLaunched("Bridge job " + job.name() + " is already running");
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Bridge job " + job.name() + " could not be launched: " + e.getMessage(), e);
            }
        });
        if (!ran) {
            throw new NotLaunched("Bridge job " + job.name() + " is already running on another node or on this one");
        }
        JobExecution done = result.get();
        if (started != null && !started.isDone()) {
            started.complete(done.getId());
        }
        return done;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
