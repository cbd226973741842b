package no.formidling.bridge.run;

import static no.formidling.bridge.BridgeTestSupport.get;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.post;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static no.formidling.bridge.BridgeTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final String DB = "formidling_bridge_crash_" + Long.toHexString(System.nanoTime() & 0xffffffffL);
    @TempDir
    Path tmp;
    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + DB + " with (force)");
        }
    }

    @Test
    void killedMidRunThenRestartedLosesNothingAndSendsNothingTwice() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + DB + " with (force)");
            c.createStatement().execute("create database " + DB);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
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
        server.destroyForcibly().waitFor();
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

    private Process start(int port, Path jobs, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "no.formidling.FormidlingApplication",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + DB,
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--formidling.data-dir=" + tmp.resolve("data"),
                "--formidling.bridge.jobs-dir=" + jobs,
                "--formidling.bridge.scheduler=false",
                "--camunda.bpm.job-execution.enabled=true"));
        File log = Path.of("target", "bridge-crash-server-" + name + ".log").toAbsolutePath().toFile();
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("server exited: " + Files.readString(log.toPath()));
                }
                try {
                    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/actuator/health")).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
