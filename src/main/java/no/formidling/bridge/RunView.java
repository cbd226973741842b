package no.formidling.bridge;

import java.time.LocalDateTime;
import no.formidling.bridge.run.Failures;
import no.formidling.bridge.run.RunCounts;
import no.formidling.bridge.run.RunParameters;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;

/** A run as the admin API shows it: status, cause when failed, counts and duration. */
public record RunView(long runId, String job, String status, String exitCode, String exitDescription, Object scheduledTime,
                      String trigger, LocalDateTime startTime, LocalDateTime endTime, long durationMs, long read, long written,
                      long skipped, long failed) {

    public static RunView of(JobExecution e) {
        long written = 0;
        long skipped = 0;
        long failed = 0;
        for (StepExecution s : e.getStepExecutions()) {
            written += s.getExecutionContext().getLong(RunCounts.WRITTEN, 0);
            skipped += s.getExecutionContext().getLong(RunCounts.SKIPPED, 0);
            failed += s.getExecutionContext().getLong(RunCounts.FAILED, 0);
        }
        var scheduled = e.getJobParameters().getParameter(RunParameters.SCHEDULED_TIME);
        return new RunView(e.getId(), e.getJobInstance().getJobName(), e.getStatus().name(), e.getExitStatus().getExitCode(),
                Failures.oneLine(e.getExitStatus().getExitDescription()), scheduled == null ? null : scheduled.getValue().toString(),
                e.getJobParameters().getString(RunParameters.TRIGGER), e.getStartTime(), e.getEndTime(), RunCounts.durationMillis(e),
                RunCounts.readCount(e), written, skipped, failed);
    }
}
