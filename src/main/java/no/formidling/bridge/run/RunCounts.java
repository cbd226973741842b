package no.formidling.bridge.run;

import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.item.ExecutionContext;

/**
 * The counts of a run as they are kept with its step (written, skipped and failed files; Spring Batch counts what was
 * read), where the run log and the run views read them back.
 */
public final class RunCounts {
    public static final String WRITTEN = "bridge.written";
    public static final String SKIPPED = "bridge.skipped";
    public static final String FAILED = "bridge.failed";

    private RunCounts() {
    }

    static void save(RunContext run, ExecutionContext ctx) {
        ctx.putLong(WRITTEN, run.written.get());
        ctx.putLong(SKIPPED, run.skipped.get());
        ctx.putLong(FAILED, run.failed.get());
    }

    public static long readCount(JobExecution e) {
        return e.getStepExecutions().stream().mapToLong(StepExecution::getReadCount).sum();
    }

    public static long durationMillis(JobExecution e) {
        if (e.getStartTime() == null) {
            return 0;
        }
        LocalDateTime end = e.getEndTime() != null ? e.getEndTime() : LocalDateTime.now();
        return Duration.between(e.getStartTime(), end).toMillis();
    }
}
