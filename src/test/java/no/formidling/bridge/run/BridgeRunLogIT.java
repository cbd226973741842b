package no.formidling.bridge.run;

import no.formidling.bridge.RunView;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.BridgeTestSupport;
import no.formidling.bridge.BrokerFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an operator reads about a run: the log says what happened once and truly; a failed run names its cause. */
@BridgeIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BridgeRunLogIT {
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @Autowired
    BrokerFaults faults;
    @Autowired
    JobExplorer explorer;
    @TempDir
    Path tmp;

    @AfterEach
    void heal() {
        faults.reset();
    }

    private void job(String name, String yaml) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(dir.resolve(name + ".yml"), yaml);
        catalog.load(dir);
    }

    private static List<String> lines(CapturedOutput output, String containing) {
        return output.getOut().lines().filter(l -> l.contains(containing)).toList();
    }

    @Test
    void only_retried_failures_are_logged_as_retrying_and_each_progress_line_once(CapturedOutput output) throws Exception {
        Path source = tmp.resolve("log-out");
        randomFiles(source, 2, 21);
        job("log-out", outboundJob("log-out", port, source, "").replace("concurrency: 8", "concurrency: 1"));
        faults.unavailableAfter(0, 2);
        faults.rejectNextUploads(1);

        JobExecution run = runner.run("log-out", Instant.now(), "test");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunView.of(run).written()).isEqualTo(1);
        assertThat(RunView.of(run).failed()).isEqualTo(1);
        // The two 503s were retried, and say so.
        assertThat(lines(output, "Bridge job log-out: attempt 1 of 12 failed, retrying")).anyMatch(l -> l.contains("answered 503"));
        assertThat(lines(output, "Bridge job log-out: attempt 2 of 12 failed, retrying")).anyMatch(l -> l.contains("answered 503"));
        // The 400 was not retried: no line claims it was; the file's failure is logged once.
        assertThat(lines(output, "Bridge job log-out: attempt")).noneMatch(l -> l.contains("answered 400"));
        assertThat(lines(output, "Bridge job log-out: file-").stream().filter(l -> l.contains("failed: POST") && l.contains("answered 400")))
                .hasSize(1);
        // One chunk with files: one progress line (the step's closing empty chunk does not repeat it), one summary.
        assertThat(lines(output, "Bridge job log-out: run " + run.getId() + " progress:"))
                .singleElement().satisfies(l -> assertThat(l).contains("2 read, 1 written, 0 skipped, 1 failed"));
        assertThat(lines(output, "Bridge job log-out: run " + run.getId() + " COMPLETED")).hasSize(1);
    }

    @Test
    void a_failed_run_names_its_root_cause_in_one_line_and_logs_the_stack(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        Path knownHosts = Files.writeString(keys.resolve("known_hosts"), "");
        job("down-out", """
                name: down-out
                direction: outbound
                schedule: {cron: "0 0 2 * * *"}
                source:
                  type: sftp
                  directory: /out
                  sftp: {host: 127.0.0.1, port: %d, user: nobody, password: "x", knownHosts: "%s"}
                broker:
                  baseUrl: http://localhost:%d
                  resourceId: formidling-demo
                  sender: "0192:310000001"
                  recipients: {static: ["0192:310000002"]}
                  auth: {type: dev, orgNo: "310000001"}
                """.formatted(closedPort, knownHosts, port));

        JobExecution run = runner.run("down-out", Instant.now(), "test");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        String stored = explorer.getJobExecution(run.getId()).getExitStatus().getExitDescription();
        RunView view = RunView.of(explorer.getJobExecution(run.getId()));
        for (String description : List.of(stored, view.exitDescription())) {
            assertThat(description).as("the outer message and the root cause, on one line")
                    .startsWith("Failed to obtain pooled item").contains("Connection refused")
                    .doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception:");
            assertThat(description.length()).isLessThanOrEqualTo(Failures.MAX_LENGTH);
        }
        // The admin API's run view shows the same sentence.
        String admin = BridgeTestSupport.token(port, "991825827", "altinn:broker.maintenance");
        String shown = new ObjectMapper().readTree(BridgeTestSupport.get(port, "/api/admin/bridge/runs/" + run.getId(), admin).body())
                .path("exitDescription").asText();
        assertThat(shown).isEqualTo(view.exitDescription());
        // The stack trace went to the log, with the cause, once.
        assertThat(lines(output, "Bridge job down-out: run " + run.getId() + " FAILED")).singleElement()
                .satisfies(l -> assertThat(l).contains("ERROR").endsWith(view.exitDescription()));
        assertThat(lines(output, "Caused by: java.net.ConnectException")).hasSize(1);
    }
}
