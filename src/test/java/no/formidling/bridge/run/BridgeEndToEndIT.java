package no.formidling.bridge.run;

import no.formidling.bridge.RunView;
import static no.formidling.bridge.BridgeTestSupport.inboundJob;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static no.formidling.bridge.BridgeTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.audit.AuditEntry;
import no.formidling.audit.AuditLog;
import no.formidling.bridge.BridgeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A nightly outbound run of 1,000 files, then an inbound run: every file arrives once, byte for byte, and is confirmed. */
@BridgeIntegrationTest
class BridgeEndToEndIT {
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient db;
    @TempDir
    Path tmp;

    @Test
    void thousandFilesGoOutAndComeBackIdenticalAndConfirmed() throws Exception {
        Path outbound = tmp.resolve("outbound");
        Path inbound = tmp.resolve("inbound");
        Map<String, byte[]> sent = randomFiles(outbound, "e2e-", 1000, 1);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("out.yml"), outboundJob("e2e-out", port, outbound, ""));
        Files.writeString(jobs.resolve("in.yml"), inboundJob("e2e-in", port, inbound));
        catalog.load(jobs);

        JobExecution out = runner.run("e2e-out", Instant.parse("2026-11-23T02:00:00Z"), "test");
        assertThat(out.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        RunView outView = RunView.of(out);
        assertThat(outView.read()).isEqualTo(1000);
        assertThat(outView.written()).isEqualTo(1000);
        assertThat(outView.failed()).isZero();
        try (var left = Files.list(outbound)) {
            assertThat(left.filter(Files::isRegularFile)).as("every source file was archived").isEmpty();
        }
        assertThat(outbound.resolve("archive").toFile().list()).hasSize(1000);

        JobExecution in = runner.run("e2e-in", Instant.parse("2026-11-23T03:00:00Z"), "test");
        assertThat(in.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunView.of(in).written()).as("ours, and any other test's leftovers for the same recipient").isGreaterThanOrEqualTo(1000);

        Map<String, byte[]> received = readAll(inbound);
        assertThat(received.keySet().stream().filter(n -> n.startsWith("e2e-"))).containsExactlyInAnyOrderElementsOf(sent.keySet());
        sent.forEach((name, bytes) -> assertThat(received.get(name)).as(name).isEqualTo(bytes));

        List<UUID> transfers = db.sql("select transfer_id from bridge_file where job_name = 'e2e-out'").query(UUID.class).list();
        assertThat(transfers).hasSize(1000).doesNotHaveDuplicates();
        assertThat(db.sql("select count(*) from file_transfer where id in (:ids) and status = 'AllConfirmedDownloaded'")
                .param("ids", transfers).query(Integer.class).single()).isEqualTo(1000);

        List<AuditEntry> outAudit = audit.forRun(out.getId());
        assertThat(outAudit).filteredOn(a -> a.step().equals("upload")).hasSize(1000)
                .allSatisfy(a -> assertThat(a.sha256()).hasSize(64));
        assertThat(audit.forRun(in.getId())).filteredOn(a -> a.step().equals("confirm") && a.fileName().startsWith("e2e-")).hasSize(1000);

        // The same night cannot run twice.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run("e2e-out", Instant.parse("2026-11-23T02:00:00Z"), "test"))
                .isInstanceOf(BridgeRunner.NotLaunched.class).hasMessageContaining("already completed");
    }
}
