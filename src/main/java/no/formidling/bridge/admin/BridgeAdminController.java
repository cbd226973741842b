package no.formidling.bridge.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.formidling.audit.AuditEntry;
import no.formidling.auth.CallerResolver;
import no.formidling.auth.Scopes;
import no.formidling.bridge.BridgeRuns;
import no.formidling.bridge.RunView;
import no.formidling.web.ApiProblem;
import no.formidling.web.ProblemHandler;
import no.formidling.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/admin/bridge", produces = "application/json")
@Tag(name = "Bridge admin", description = "Bridge jobs, runs and audit (scope altinn:broker.maintenance)")
class BridgeAdminController {
    private final BridgeRuns runs;
    private final CallerResolver callers;

    BridgeAdminController(BridgeRuns runs, CallerResolver callers) {
        this.runs = runs;
        this.callers = callers;
    }

    record JobView(String name, String direction, boolean enabled, String cron, String zone, String file, Instant nextRun, RunView lastRun) {
    }

    @Operation(summary = "All bridge jobs with their schedule and last run")
    @GetMapping("/jobs")
    List<JobView> jobs() {
        requireMaintenance();
        return runs.jobs().stream().map(this::view).toList();
    }

    @Operation(summary = "One bridge job")
    @GetMapping("/jobs/{name}")
    JobView job(@PathVariable String name) {
        requireMaintenance();
        return view(job0(name));
    }

    @Operation(summary = "Runs of a job, newest first, with read/written/skipped/failed counts and duration")
    @GetMapping("/jobs/{name}/runs")
    List<RunView> runs(@PathVariable String name, @RequestParam(defaultValue = "20") int limit) {
        requireMaintenance();
        job0(name);
        return runs.runs(name, Math.max(1, Math.min(limit, 500)));
    }

    @Operation(summary = "One run")
    @GetMapping("/runs/{id}")
    RunView run(@PathVariable long id) {
        requireMaintenance();
        return run0(id);
    }

    @Operation(summary = "The audit rows of one run: one per file and step")
    @GetMapping("/runs/{id}/audit")
    List<AuditEntry> runAudit(@PathVariable long id) {
        requireMaintenance();
        run0(id);
        return runs.audit(id);
    }

    @Operation(summary = "Start a run now (its scheduled time is now); 409 naming the running run when the job is already running")
    @PostMapping("/jobs/{name}/trigger")
    ResponseEntity<?> trigger(@PathVariable String name) {
        requireMaintenance();
        job0(name);
        return accepted(runs.trigger(name), name);
    }

    @Operation(summary = "Restart a failed run: files resume where they stopped, none is sent twice")
    @PostMapping("/runs/{id}/restart")
    ResponseEntity<?> restart(@PathVariable long id) {
        requireMaintenance();
        String jobName = run0(id).job();
        try {
            return accepted(runs.restart(id), jobName);
        } catch (BridgeRuns.NotLaunched e) {
            throw ApiProblem.of(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    private ResponseEntity<?> accepted(CompletableFuture<Long> started, String jobName) {
        try {
            Long runId = started.get(30, TimeUnit.SECONDS);
            return ResponseEntity.accepted().body(Map.of("runId", runId, "run", runs.run(runId).orElseThrow()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BridgeRuns.NotLaunched notLaunched) {
                return notLaunched(jobName, notLaunched);
            }
            throw ApiProblem.of(HttpStatus.CONFLICT, e.getCause().getMessage());
        } catch (TimeoutException e) {
            // Still waiting for a lock or a slow SFTP login: it starts later; the job's runs will show it.
            return ResponseEntity.accepted().body(Map.of("runId", "pending"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted");
        }
    }

    /**
     * Nothing was started and nothing is queued (one run of a job at a time in the cluster): 409, with the run that
     * is going when there is one, so the operator can follow it instead of triggering again.
     */
    private ResponseEntity<Object> notLaunched(String jobName, BridgeRuns.NotLaunched e) {
        Long running = runs.running(jobName).orElse(null);
        String detail = running == null ? e.getMessage()
                : "Bridge job " + jobName + " is already running (run " + running + "); this call started nothing. Follow that run, "
                + "or trigger again when it has finished.";
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, null, detail);
        if (running != null) {
            problem.setProperty("runId", running);
        }
        return ProblemHandler.respond(problem);
    }

    private JobView view(BridgeRuns.Job j) {
        List<RunView> last = runs.runs(j.name(), 1);
        return new JobView(j.name(), j.direction(), j.enabled(), j.cron(), j.zone(), j.file(), j.nextRun(), last.isEmpty() ? null : last.get(0));
    }

    private BridgeRuns.Job job0(String name) {
        return runs.job(name).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No bridge job named " + name));
    }

    private RunView run0(long id) {
        return runs.run(id).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No bridge run " + id));
    }

    private void requireMaintenance() {
        if (!callers.current().has(Scopes.MAINTENANCE)) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "The bridge admin API needs a token with scope " + Scopes.MAINTENANCE);
        }
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Void> notFound() {
        return ResponseEntity.notFound().build();
    }
}
