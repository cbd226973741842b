package no.formidling.bridge.run;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.repository.JobRepository;

/** Runs a stopped node left marked as running: marked FAILED, so that they can be restarted. */
final class DeadRuns {
    private final JobExplorer explorer;
    private final JobRepository repository;

    DeadRuns(JobExplorer explorer, JobRepository repository) {
        this.explorer = explorer;
        this.repository = repository;
    }

    /**
     * Call only while holding the job's cluster lock: then any run still marked as running was left by a node that
     * died. Returns the ids of the runs it marked.
     */
    List<Long> fail(String jobName) {
        List<Long> failed = new ArrayList<>();
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
            failed.add(stale.getId());
        }
        return failed;
    }
}
