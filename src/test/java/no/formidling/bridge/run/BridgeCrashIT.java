package no.formidling.bridge.run;

import static no.formidling.bridge.BridgeTestSupport.get;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.post;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static no.formidling.bridge.BridgeTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.formidling.testsupport.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server, bridge included, runs as a child JVM; it is killed (SIGKILL) in the middle of an outbound run and
 * started again; the restarted run delivers every file, and no file has two live transfers.
 */
class BridgeCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    // A name of its own per run: several checkouts may run their suites against one PostgreSQL at the same time.
    private static final String DB = ServerProcess.uniqueDatabaseName("formidling_bridge_crash");
    @TempDir
    Path tmp;
    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
        ServerProcess.dropDatabase(DB);
    }

    @Test
    void killedMidRunThenRestartedLosesNothingAndSendsNothingTwice() throws Exception {
        ServerProcess.createDatabase(DB);
        int port = ServerProcess.freePort();
        Path source = tmp.resolve("outbound");
        Map<String, byte[]> files = randomFiles(source, "crash-", 300, 31);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("crash.yml"), outboundJob("crash-out", port, source, "").replace("concurrency: 8", "concurrency: 4"));

        server = start(port, jobs, "first");
        String admin = token(port, "991825827", "altinn:broker.maintenance");
        var triggered = post(port, "/api/admin/bridge/jobs/crash-out/trigger", admin);
        assertThat(triggered.statusCode()).isEqualTo(202);
        long runId = JSON.readTree(triggered.body()).path("runId").asLong();

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> count("select count(*) from bridge_file where state = 'DONE'") >= 60);
        server.kill();
        long doneAtKill = count("select count(*) from bridge_file where state = 'DONE'");
        assertThat(doneAtKill).as("killed mid-run").isLessThan(300);

        server = start(port, jobs, "second");
        String admin2 = token(port, "991825827", "altinn:broker.maintenance");
        var restarted = post(port, "/api/admin/bridge/runs/" + runId + "/restart", admin2);
        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
        long restartId = JSON.readTree(restarted.body()).path("runId").asLong();
        await().atMost(Duration.ofMinutes(5)).until(() ->
                JSON.readTree(get(port, "/api/admin/bridge/runs/" + restartId, admin2).body()).path("status").asText().matches("COMPLETED|FAILED"));
        assertThat(JSON.readTree(get(port, "/api/admin/bridge/runs/" + restartId, admin2).body()).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(JSON.readTree(get(port, "/api/admin/bridge/runs/" + runId, admin2).body()).path("status").asText())
                .as("the killed run was marked failed").isEqualTo("FAILED");

        assertThat(source.resolve("archive").toFile().list()).as("no file lost").hasSize(300);
        try (var left = Files.list(source)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(count("select count(*) from bridge_file where state = 'DONE'")).isEqualTo(300);
        String published = "from file_transfer t where senders_reference like 'crash-out/%' and exists "
                + "(select 1 from file_transfer_status_history h where h.file_transfer_id = t.id and h.status = 'Published')";
        assertThat(count("select count(distinct file_name) " + published)).as("every file published").isEqualTo(300);
        assertThat(count("select count(*) " + published)).as("none published twice").isEqualTo(300);
        assertThat(count("select count(*) from file_transfer where senders_reference like 'crash-out/%' and status = 'Published'")).isEqualTo(300);
        assertThat(files).hasSize(300);
    }

    private ServerProcess start(int port, Path jobs, String name) {
        List<String> args = new ArrayList<>(ServerProcess.onDatabase(DB));
        args.addAll(List.of(
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--formidling.bridge.jobs-dir=" + jobs,
                "--formidling.bridge.scheduler=false",
                "--camunda.bpm.job-execution.enabled=true"));
        return ServerProcess.launch("bridge-crash-" + name, port, tmp, args).awaitHealthy();
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
