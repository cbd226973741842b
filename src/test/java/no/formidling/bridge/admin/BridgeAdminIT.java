package no.formidling.bridge.admin;

import static no.formidling.bridge.BridgeTestSupport.get;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.post;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static no.formidling.bridge.BridgeTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.BrokerFaults;
import no.formidling.bridge.run.JobCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The admin API: maintenance scope required; trigger, runs with counts, audit per run, restart. */
@BridgeIntegrationTest
class BridgeAdminIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BrokerFaults faults;
    @TempDir
    Path tmp;

    /**
     * A trigger while the job runs starts nothing (one run of a job at a time in the cluster): the operator gets a
     * 409 problem naming the run that is going, not a 202 that promises a run that never comes.
     */
    @Test
    void triggerWhileTheJobRunsIsRefusedAndNamesTheRunningRun() throws Exception {
        Path source = tmp.resolve("busy-out");
        randomFiles(source, 2, 12);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("busy.yml"), outboundJob("busy-out", port, source, ""));
        catalog.load(jobs);
        String admin = token(port, "991825827", "altinn:broker.maintenance");
        faults.holdUploads();
        long runId;
        try {
            var first = post(port, "/api/admin/bridge/jobs/busy-out/trigger", admin);
            assertThat(first.statusCode()).isEqualTo(202);
            runId = JSON.readTree(first.body()).path("runId").asLong();
            await().atMost(Duration.ofMinutes(1)).until(() -> faults.heldUploads() > 0);

            var second = post(port, "/api/admin/bridge/jobs/busy-out/trigger", admin);

            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(second.body());
            assertThat(problem.path("status").asInt()).isEqualTo(409);
            assertThat(problem.path("detail").asText()).contains("busy-out").contains("already running").contains("run " + runId);
            assertThat(problem.path("runId").asLong()).isEqualTo(runId);
            JsonNode runs = JSON.readTree(get(port, "/api/admin/bridge/jobs/busy-out/runs", admin).body());
            assertThat(runs).as("the refused trigger left no run behind").hasSize(1);
            assertThat(runs.get(0).path("status").asText()).isEqualTo("STARTED");
        } finally {
            faults.releaseUploads();
        }
        await().atMost(Duration.ofMinutes(2)).until(() ->
                JSON.readTree(get(port, "/api/admin/bridge/runs/" + runId, admin).body()).path("status").asText().equals("COMPLETED"));
        assertThat(JSON.readTree(get(port, "/api/admin/bridge/runs/" + runId, admin).body()).path("written").asLong()).isEqualTo(2);
    }

    @Test
    void operatorTriggersARunAndReadsItsCountsAndAudit() throws Exception {
        Path source = tmp.resolve("admin-out");
        randomFiles(source, 5, 11);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("admin.yml"), outboundJob("admin-out", port, source, ""));
        catalog.load(jobs);
        String admin = token(port, "991825827", "altinn:broker.maintenance");
        String plain = token(port, "310000001", "altinn:broker.write altinn:broker.read");

        assertThat(get(port, "/api/admin/bridge/jobs", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/admin/bridge/jobs")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(get(port, "/api/admin/bridge/jobs", plain).statusCode()).isEqualTo(403);
        assertThat(post(port, "/api/admin/bridge/jobs/admin-out/trigger", plain).statusCode()).isEqualTo(403);

        JsonNode listed = JSON.readTree(get(port, "/api/admin/bridge/jobs", admin).body());
        assertThat(listed.findValuesAsText("name")).contains("admin-out");

        var triggered = post(port, "/api/admin/bridge/jobs/admin-out/trigger", admin);
        assertThat(triggered.statusCode()).isEqualTo(202);
        long runId = JSON.readTree(triggered.body()).path("runId").asLong();

        await().atMost(Duration.ofMinutes(2)).until(() ->
                JSON.readTree(get(port, "/api/admin/bridge/runs/" + runId, admin).body()).path("status").asText().equals("COMPLETED"));
        JsonNode run = JSON.readTree(get(port, "/api/admin/bridge/runs/" + runId, admin).body());
        assertThat(run.path("read").asLong()).isEqualTo(5);
        assertThat(run.path("written").asLong()).isEqualTo(5);
        assertThat(run.path("failed").asLong()).isZero();
        assertThat(run.path("trigger").asText()).isEqualTo("manual");
        assertThat(run.has("durationMs")).isTrue();

        JsonNode runs = JSON.readTree(get(port, "/api/admin/bridge/jobs/admin-out/runs", admin).body());
        assertThat(runs.get(0).path("runId").asLong()).isEqualTo(runId);

        JsonNode audit = JSON.readTree(get(port, "/api/admin/bridge/runs/" + runId + "/audit", admin).body());
        assertThat(audit.findValuesAsText("step")).contains("upload", "publish", "archive");
        JsonNode upload = null;
        for (JsonNode row : audit) {
            if (row.path("step").asText().equals("upload")) {
                upload = row;
            }
        }
        assertThat(upload.path("sha256").asText()).hasSize(64);
        assertThat(upload.path("transferId").asText()).isNotBlank();
        assertThat(upload.path("fileSize").asLong()).isPositive();

        var restart = post(port, "/api/admin/bridge/runs/" + runId + "/restart", admin);
        assertThat(restart.statusCode()).as("a completed run has nothing to restart").isEqualTo(409);
        assertThat(get(port, "/api/admin/bridge/jobs/no-such-job/runs", admin).statusCode()).isEqualTo(404);
    }
}
