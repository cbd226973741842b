package no.formidling.bridge.run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import no.formidling.audit.AuditLog;
import no.formidling.bridge.client.BrokerClient;
import no.formidling.bridge.client.DevTokenSource;
import no.formidling.bridge.client.MaskinportenTokenSource;
import no.formidling.bridge.client.StaticToken;
import no.formidling.bridge.client.TokenSource;
import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.config.JobDefinition;
import no.formidling.bridge.endpoint.FileEntry;
import no.formidling.bridge.endpoint.FileStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds a Spring Batch job from a job file and launches it under the cluster lock. A run is one JobInstance per
 * scheduled time (identifying parameter {@code scheduledTime}), so the same night never runs twice, and a failed
 * run restarts with the same parameters.
 */
@Component
public class BridgeRunner {
    public static final String SCHEDULED_TIME = "scheduledTime";
    public static final String TRIGGER = "trigger";
    static final String WRITTEN = "bridge.written";
    static final String SKIPPED = "bridge.skipped";
    static final String FAILED = "bridge.failed";
    private static final Logger log = LoggerFactory.getLogger(BridgeRunner.class);

    private final JobCatalog catalog;
    private final JobRepository repository;
    private final JobExplorer explorer;
    private final PlatformTransactionManager tx;
    private final PickedFiles files;
    private final AuditLog audit;
    private final ClusterLock lock;
    private final TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
    private final ExecutorService background = Executors.newCachedThreadPool(named("bridge-run-"));

    public BridgeRunner(JobCatalog catalog, JobRepository repository, JobExplorer explorer, PlatformTransactionManager tx,
                        PickedFiles files, AuditLog audit, ClusterLock lock) throws Exception {
        this.catalog = catalog;
        this.repository = repository;
        this.explorer = explorer;
        this.tx = tx;
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
        if (!background.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS)) {
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
        return launch(job, parameters(scheduledTime, trigger), null);
    }

    /** Starts a run in the background; the future completes with its run id once it has started. */
    public CompletableFuture<Long> start(String jobName, Instant scheduledTime, String trigger) {
        BridgeJob job = catalog.find(jobName).orElseThrow(() -> new NoSuchElementException("No bridge job named " + jobName));
        return startInBackground(job, parameters(scheduledTime, trigger));
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

    private static JobParameters parameters(Instant scheduledTime, String trigger) {
        return new JobParametersBuilder()
                .addLocalDateTime(SCHEDULED_TIME, LocalDateTime.ofInstant(scheduledTime.truncatedTo(ChronoUnit.MILLIS), java.time.ZoneOffset.UTC), true)
                .addString(TRIGGER, trigger, false)
                .toJobParameters();
    }

    private JobExecution launch(BridgeJob job, JobParameters params, CompletableFuture<Long> started) {
        AtomicReference<JobExecution> result = new AtomicReference<>();
        boolean ran = lock.runExclusively(job.name(), () -> {
            failRunsLeftByDeadNodes(job.name());
            try (RunContext run = new RunContext(job, FileStores.open(job), client(job), files, audit)) {
                ExecutorService workers = Executors.newFixedThreadPool(job.concurrency(), named("bridge-" + job.name() + "-"));
                try {
                    result.set(launcher.run(build(run, workers, started), params));
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

    /** We hold the job's cluster lock, so any run still marked as running was left by a node that died. */
    private void failRunsLeftByDeadNodes(String jobName) {
        for (JobExecution stale : explorer.findRunningJobExecutions(jobName)) {
            LocalDateTime now = LocalDateTime.now();
            for (StepExecution step : stale.getStepExecutions()) {
                if (step.getStatus().isRunning()) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED.addExitDescription("The node running this step stopped"));
                    step.setEndTime(now);
                    repository.update(step);
                }
            }
            stale.setStatus(BatchStatus.FAILED);
            stale.setExitStatus(ExitStatus.FAILED.addExitDescription("The node running this run stopped; restart it to resume"));
            stale.setEndTime(now);
            repository.update(stale);
            log.warn("Bridge job {}: run {} was left running by a stopped node; marked FAILED (restartable)", jobName, stale.getId());
        }
    }

    private Job build(RunContext run, ExecutorService workers, CompletableFuture<Long> started) {
        BridgeJob job = run.job;
        Step step;
        StepBuilder steps = new StepBuilder(job.name() + ".transfer", repository);
        if (job.outbound()) {
            OutboundFileSender sender = new OutboundFileSender(run);
            step = steps.<FileEntry, FileEntry>chunk(job.chunkSize(), tx)
                    .reader(new OutboundListingReader(run))
                    .writer(new ParallelFileWriter<>(run, workers, sender::upload))
                    .listener(new ChunkProgress(run))
                    .listener(new SaveCounts(run))
                    .build();
        } else {
            InboundFileReceiver receiver = new InboundFileReceiver(run);
            step = steps.<UUID, UUID>chunk(job.chunkSize(), tx)
                    .reader(new InboundSearchReader(run))
                    .writer(new ParallelFileWriter<>(run, workers, id -> { FileOutcome o = receiver.receive(id); return () -> o; }))
                    .listener(new ChunkProgress(run))
                    .listener(new SaveCounts(run))
                    .build();
        }
        return new JobBuilder(job.name(), repository)
                .start(step)
                .listener(new JobExecutionListener() {
                    @Override
                    public void beforeJob(JobExecution execution) {
                        run.runId = execution.getId();
                        log.info("Bridge job {}: run {} started ({} {})", job.name(), execution.getId(),
                                execution.getJobParameters().getString(TRIGGER), execution.getJobParameters().getParameter(SCHEDULED_TIME).getValue());
                        if (started != null) {
                            started.complete(execution.getId());
                        }
                    }

                    @Override
                    public void afterJob(JobExecution execution) {
                        Throwable failure = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
                        if (failure != null) {
                            // Spring Batch stores the stack trace (cut at 2,500 characters, often before the cause): the
                            // run view gets the root cause in one line, the log gets the whole trace.
                            execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), Failures.sentence(failure)));
                        }
                        String summary = "Bridge job {}: run {} {} in {} ms: {} read, {} written, {} skipped, {} failed{}";
                        Object[] args = {job.name(), execution.getId(), execution.getStatus(), durationMillis(execution), readCount(execution),
                                run.written.get(), run.skipped.get(), run.failed.get(),
                                execution.getStatus() == BatchStatus.FAILED ? " — " + execution.getExitStatus().getExitDescription() : ""};
                        if (failure != null && !execution.getFailureExceptions().isEmpty()) {
                            log.error(summary, append(args, failure));
                        } else if (failure != null) {
                            // A failed step's stack trace is logged by Spring Batch already; once is enough.
                            log.error(summary, args);
                        } else {
                            log.info(summary, args);
                        }
                    }
                })
                .build();
    }

    /**
     * Saves the counts with every chunk and logs a progress line when they changed: the step ends with a chunk that
     * reads nothing, and its line would repeat the one before.
     */
    private static final class ChunkProgress implements ChunkListener {
        private final RunContext run;
        private final AtomicReference<List<Long>> logged = new AtomicReference<>(List.of());

        ChunkProgress(RunContext run) {
            this.run = run;
        }

        @Override
        public void afterChunk(ChunkContext context) {
            StepExecution step = context.getStepContext().getStepExecution();
            save(run, step.getExecutionContext());
            List<Long> counts = List.of((long) step.getReadCount(), run.written.get(), run.skipped.get(), run.failed.get());
            if (!counts.equals(logged.getAndSet(counts))) {
                log.info("Bridge job {}: run {} progress: {} read, {} written, {} skipped, {} failed", run.job.name(), run.runId,
                        counts.get(0), counts.get(1), counts.get(2), counts.get(3));
            }
        }
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    /** Stores the final counts with the step, where the admin API reads them. */
    private record SaveCounts(RunContext run) implements StepExecutionListener {
        @Override
        public ExitStatus afterStep(StepExecution step) {
            save(run, step.getExecutionContext());
            return step.getExitStatus();
        }
    }

    private static void save(RunContext run, ExecutionContext ctx) {
        ctx.putLong(WRITTEN, run.written.get());
        ctx.putLong(SKIPPED, run.skipped.get());
        ctx.putLong(FAILED, run.failed.get());
    }

    static long readCount(JobExecution e) {
        return e.getStepExecutions().stream().mapToLong(StepExecution::getReadCount).sum();
    }

    static long durationMillis(JobExecution e) {
        if (e.getStartTime() == null) {
            return 0;
        }
        LocalDateTime end = e.getEndTime() != null ? e.getEndTime() : LocalDateTime.now();
        return java.time.Duration.between(e.getStartTime(), end).toMillis();
    }

    static BrokerClient client(BridgeJob job) {
        JobDefinition.Broker b = job.broker();
        JobDefinition.Auth auth = b.auth();
        TokenSource tokens = switch (auth.type()) {
            case token -> new StaticToken(auth.token());
            case dev -> new DevTokenSource(b.baseUrl(), auth.orgNo(),
                    auth.scopes() != null ? auth.scopes() : "altinn:broker.write altinn:broker.read");
            case maskinporten -> new MaskinportenTokenSource(auth.maskinporten(), b.subscriptionKey());
        };
        return new BrokerClient(b.baseUrl(), tokens, b.subscriptionKey());
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
