package no.formidling.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import no.formidling.app.Sentences;
import no.formidling.audit.AuditEntry;
import no.formidling.audit.AuditLog;
import no.formidling.bridge.config.BridgeJob;
import no.formidling.bridge.run.BridgeRunner;
import no.formidling.bridge.run.BridgeScheduler;
import no.formidling.bridge.run.JobCatalog;
import no.formidling.bridge.run.RunView;
import no.formidling.broker.FileTransferOversight;
import no.formidling.events.DeadLetters;
import no.formidling.process.CockpitLinks;
import no.formidling.web.ApiProblem;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator console: bridge jobs and their runs, transfers that need a look, health; trigger and restart. */
@Controller
class OpsController {
    static final int RUNS_PER_JOB = 14;
    static final int DEAD_LETTERS_SHOWN = 100;
    private final JobCatalog catalog;
    private final BridgeRunner runner;
    private final BridgeScheduler scheduler;
    private final JobExplorer explorer;
    private final AuditLog audit;
    private final FileTransferOversight transfers;
    private final CockpitLinks cockpit;
    private final HealthStrip health;
    private final Sentences sentences;
    private final DeadLetters deadLetters;
    private final Duration stuckAfter;

    OpsController(JobCatalog catalog, BridgeRunner runner, BridgeScheduler scheduler, JobExplorer explorer, AuditLog audit,
                  FileTransferOversight transfers, CockpitLinks cockpit, HealthStrip health, Sentences sentences,
                  DeadLetters deadLetters, @Value("${formidling.ops.stuck-after:PT1H}") Duration stuckAfter) {
        this.catalog = catalog;
        this.runner = runner;
        this.scheduler = scheduler;
        this.explorer = explorer;
        this.audit = audit;
        this.transfers = transfers;
        this.cockpit = cockpit;
        this.health = health;
        this.sentences = sentences;
        this.deadLetters = deadLetters;
        this.stuckAfter = stuckAfter;
    }

    record JobRow(String name, String direction, boolean enabled, String cron, String zone, Instant nextRun, RunView lastRun,
                  List<RunView> runs, RunChart chart) {
    }

    record StuckRow(FileTransferOversight.StuckTransfer transfer, String cockpitUrl) {
    }

    /** One file of a run: its audit steps in order, and the cause when one failed. */
    record FileRow(String fileName, List<AuditEntry> steps, String cause, boolean failed) {
    }

    @GetMapping("/ops")
    String console(Model model) {
        List<JobRow> jobs = new ArrayList<>();
        for (BridgeJob j : catalog.all()) {
            List<RunView> runs = runsOf(j.name(), RUNS_PER_JOB);
            jobs.add(new JobRow(j.name(), j.definition().direction().name(), j.definition().isEnabled(), j.definition().schedule().cron(),
                    j.zone().getId(), scheduler.nextRun(j.name()).orElse(null), runs.isEmpty() ? null : runs.get(0), runs, RunChart.of(runs)));
        }
        List<StuckRow> stuck = transfers.stuck(stuckAfter, 50).stream()
                .map(t -> new StuckRow(t, cockpit.instanceUrl(t.id().toString()))).toList();
        model.addAttribute("jobs", jobs);
        model.addAttribute("health", health.lights());
        model.addAttribute("counts", transfers.countsByStatus());
        model.addAttribute("stuck", stuck);
        model.addAttribute("stuckAfterMinutes", stuckAfter.toMinutes());
        model.addAttribute("deadLetters", deadLetters.dead(DEAD_LETTERS_SHOWN));
        model.addAttribute("deadLettersShown", DEAD_LETTERS_SHOWN);
        return "ops/console";
    }

    @GetMapping("/ops/runs/{id}")
    String run(@PathVariable long id, Model model) {
        JobExecution execution = execution(id);
        Map<String, List<AuditEntry>> byFile = new LinkedHashMap<>();
        for (AuditEntry e : audit.forRun(id)) {
            byFile.computeIfAbsent(e.fileName() == null ? "" : e.fileName(), k -> new ArrayList<>()).add(e);
        }
        List<FileRow> files = new ArrayList<>();
        byFile.forEach((name, steps) -> {
            String cause = steps.stream().filter(s -> s.outcome() == AuditEntry.Outcome.FAILED && s.error() != null)
                    .map(AuditEntry::error).reduce((a, b) -> b).orElse(null);
            files.add(new FileRow(name, steps, cause, cause != null));
        });
        files.sort(Comparator.comparing(FileRow::failed).reversed());
        RunView run = RunView.of(execution);
        model.addAttribute("run", run);
        model.addAttribute("files", files);
        model.addAttribute("restartable", !"COMPLETED".equals(run.status()) && !"STARTED".equals(run.status()) && !"STARTING".equals(run.status()));
        return "ops/run";
    }

    @PostMapping("/ops/jobs/{name}/trigger")
    String trigger(@PathVariable String name, RedirectAttributes flash) {
        catalog.find(name).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No bridge job named " + name));
        return started(runner.start(name, Instant.now(), "manual"), flash);
    }

    @PostMapping("/ops/runs/{id}/restart")
    String restart(@PathVariable long id, RedirectAttributes flash) {
        execution(id);
        try {
            return started(runner.restart(id), flash);
        } catch (BridgeRunner.NotLaunched e) {
            flash.addFlashAttribute("problem", sentences.get("ops.notRestarted", e.getMessage()));
            return "redirect:/ops/runs/" + id;
        }
    }

    @PostMapping("/ops/events/{id}/redrive")
    String redrive(@PathVariable long id, RedirectAttributes flash) {
        if (deadLetters.redrive(id)) {
            flash.addFlashAttribute("notice", sentences.get("ops.events.redriven", String.valueOf(id)));
        } else {
            flash.addFlashAttribute("problem", sentences.get("ops.events.notDead", String.valueOf(id)));
        }
        return "redirect:/ops#dead-letters";
    }

    private String started(java.util.concurrent.CompletableFuture<Long> start, RedirectAttributes flash) {
        try {
            Long runId = start.get(30, TimeUnit.SECONDS);
            flash.addFlashAttribute("notice", sentences.get("ops.runStarted", runId));
            return "redirect:/ops/runs/" + runId;
        } catch (ExecutionException e) {
            flash.addFlashAttribute("problem", sentences.get("ops.notStarted", e.getCause().getMessage()));
        } catch (TimeoutException e) {
            flash.addFlashAttribute("notice", sentences.get("ops.pending"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "redirect:/ops";
    }

    private List<RunView> runsOf(String name, int limit) {
        List<JobExecution> executions = new ArrayList<>();
        for (JobInstance instance : explorer.getJobInstances(name, 0, limit)) {
            executions.addAll(explorer.getJobExecutions(instance));
        }
        return executions.stream().sorted(Comparator.comparing(JobExecution::getId).reversed()).limit(limit).map(RunView::of).toList();
    }

    private JobExecution execution(long id) {
        JobExecution e = explorer.getJobExecution(id);
        if (e == null || catalog.find(e.getJobInstance().getJobName()).isEmpty()) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "No bridge run " + id);
        }
        return e;
    }
}
