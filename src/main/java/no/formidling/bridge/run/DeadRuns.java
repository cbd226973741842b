package no.formidling.bridge.run;

import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;

/** Runs a stopped node left marked as running: marked FAILED, so that they can be restarted. */
final class DeadRuns {
    // The run log keeps the logger name it has always had (the runner's), which operators may filter on.
    private static final Logger log = LoggerFactory.getLogger("no.formidling.bridge.run.BridgeRunner");
    private final JobExplorer explorer;
    private final JobRepository repository;

    DeadRuns(JobExplorer explorer, JobRepository repository) {
        this.explorer = explorer;
        this.repository = repository;
    }

    /** Call only while holding the job's cluster lock: then any run still marked as running was left by a node that died. */
    void fail(String jobName) {
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
}
