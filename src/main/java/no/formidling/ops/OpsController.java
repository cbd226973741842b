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
import no.formidling.bridge.BridgeRuns;
import no.formidling.bridge.RunView;
import no.formidling.broker.FileTransferOversight;
import no.formidling.events.DeadLetters;
import no.formidling.process.CockpitLinks;
import no.formidling.web.ApiProblem;
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
    private final BridgeRuns runs;
    private final FileTransferOversight transfers;
    private final CockpitLinks cockpit;
    private final HealthStrip health;
    private final Sentences sentences;
    private final DeadLetters deadLetters;
    private final Duration stuckAfter;

    OpsController(BridgeRuns runs, FileTransferOversight transfers, CockpitLinks cockpit, HealthStrip health, Sentences sentences,
                  DeadLetters deadLetters, @Value("${formidling.ops.stuck-after:PT1H}") Duration stuckAfter) {
        this.runs = runs;
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
        for (BridgeRuns.Job j : runs.jobs()) {
            List<RunView> recent = runs.runs(j.name(), RUNS_PER_JOB);
            jobs.add(new JobRow(j.name(), j.direction(), j.enabled(), j.cron(), j.zone(), j.nextRun(), recent.isEmpty() ? null : recent.get(0),
                    recent, RunChart.of(recent)));
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
        RunView run = run0(id);
        Map<String, List<AuditEntry>> byFile = new LinkedHashMap<>();
        for (AuditEntry e : runs.audit(id)) {
            byFile.computeIfAbsent(e.fileName() == null ? "" : e.fileName(), k -> new ArrayList<>()).add(e);
        }
        List<FileRow> files = new ArrayList<>();
        byFile.forEach((name, steps) -> {
            String cause = steps.stream().filter(s -> s.outcome() == AuditEntry.Outcome.FAILED && s.error() != null)
                    .map(AuditEntry::error).reduce((a, b) -> b).orElse(null);
            files.add(new FileRow(name, steps, cause, cause != null));
        });
        files.sort(Comparator.comparing(FileRow::failed).reversed());
        model.addAttribute("run", run);
        model.addAttribute("files", files);
        model.addAttribute("restartable", !"COMPLETED".equals(run.status()) && !"STARTED".equals(run.status()) && !"STARTING".equals(run.status()));
        return "ops/run";
    }

    @PostMapping("/ops/jobs/{name}/trigger")
    String trigger(@PathVariable String name, RedirectAttributes flash) {
        runs.job(name).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No bridge job named " + name));
        return started(runs.trigger(name), flash);
    }

    @PostMapping("/ops/runs/{id}/restart")
    String restart(@PathVariable long id, RedirectAttributes flash) {
        run0(id);
        try {
            return started(runs.restart(id), flash);
        } catch (BridgeRuns.NotLaunched e) {
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

    private RunView run0(long id) {
        return runs.run(id).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No bridge run " + id));
    }
}
