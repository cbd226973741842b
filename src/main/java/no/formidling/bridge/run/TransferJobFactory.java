package no.formidling.bridge.run;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.endpoint.FileEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the Spring Batch job of one run: a single transfer step (outbound: list the source and send each file;
 * inbound: search the Broker and receive each transfer), its files written in parallel per chunk, and the run log
 * (started, progress per chunk, summary) with the counts saved where the run views read them.
 */
final class TransferJobFactory {
    // The run log keeps the logger name it has always had (the runner's), which operators may filter on.
    private static final Logger log = LoggerFactory.getLogger("no.formidling.bridge.run.BridgeRunner");
    private final JobRepository repository;
    private final PlatformTransactionManager tx;

    TransferJobFactory(JobRepository repository, PlatformTransactionManager tx) {
        this.repository = repository;
        this.tx = tx;
    }

    /** @param started completed with the run id as the run starts; null when no one waits for it */
    Job build(RunContext run, ExecutorService workers, CompletableFuture<Long> started) {
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
                .listener(new RunLog(run, started))
                .build();
    }

    /** Notes the run id, says that the run started and, at its end, how it went. */
    private record RunLog(RunContext run, CompletableFuture<Long> started) implements JobExecutionListener {
        @Override
        public void beforeJob(JobExecution execution) {
            run.runId = execution.getId();
            log.info("Bridge job {}: run {} started ({} {})", run.job.name(), execution.getId(),
                    execution.getJobParameters().getString(RunParameters.TRIGGER),
                    execution.getJobParameters().getParameter(RunParameters.SCHEDULED_TIME).getValue());
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
            Object[] args = {run.job.name(), execution.getId(), execution.getStatus(), RunCounts.durationMillis(execution),
                    RunCounts.readCount(execution), run.written.get(), run.skipped.get(), run.failed.get(),
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

        private static Object[] append(Object[] args, Object last) {
            Object[] all = Arrays.copyOf(args, args.length + 1);
            all[args.length] = last;
            return all;
        }
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
            RunCounts.save(run, step.getExecutionContext());
            List<Long> counts = List.of((long) step.getReadCount(), run.written.get(), run.skipped.get(), run.failed.get());
            if (!counts.equals(logged.getAndSet(counts))) {
                log.info("Bridge job {}: run {} progress: {} read, {} written, {} skipped, {} failed", run.job.name(), run.runId,
                        counts.get(0), counts.get(1), counts.get(2), counts.get(3));
            }
        }
    }

    /** Stores the final counts with the step, where the admin API reads them. */
    private record SaveCounts(RunContext run) implements StepExecutionListener {
        @Override
        public ExitStatus afterStep(StepExecution step) {
            RunCounts.save(run, step.getExecutionContext());
            return step.getExitStatus();
        }
    }
}
