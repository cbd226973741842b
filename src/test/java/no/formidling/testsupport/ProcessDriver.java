package no.formidling.testsupport;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Drives a transfer's process one job at a time, as the job executor would, so process tests are deterministic. */
public class ProcessDriver {
    private final RuntimeService runtime;
    private final ManagementService management;

    public ProcessDriver(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    public ProcessInstance instance(UUID fileTransferId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(fileTransferId.toString()).singleResult();
    }

    public List<Job> jobs(UUID fileTransferId) {
        ProcessInstance pi = instance(fileTransferId);
        return pi == null ? List.of() : management.createJobQuery().processInstanceId(pi.getId()).list();
    }

    /** Executes the single job waiting at {@code activityId}, whether or not it is due yet. */
    public void execute(UUID fileTransferId, String activityId) {
        ProcessInstance pi = instance(fileTransferId);
        List<Job> matching = pi == null ? List.of() : management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).list();
        if (matching.size() != 1) {
            throw new AssertionError("Expected one job at " + activityId + " but the process waits at " + waitingAt(fileTransferId));
        }
        management.executeJob(matching.get(0).getId());
    }

    /** Executes jobs that are async continuations (not timers) until none is left. */
    public void runAsyncSteps(UUID fileTransferId) {
        for (int i = 0; i < 20; i++) {
            List<Job> async = jobs(fileTransferId).stream().filter(j -> j.getDuedate() == null).toList();
            if (async.isEmpty()) {
                return;
            }
            async.forEach(j -> management.executeJob(j.getId()));
        }
    }

    public List<String> waitingAt(UUID fileTransferId) {
        ProcessInstance pi = instance(fileTransferId);
        return pi == null ? List.of() : runtime.getActiveActivityIds(pi.getId());
    }
}
