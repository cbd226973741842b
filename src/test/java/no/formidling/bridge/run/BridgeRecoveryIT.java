package no.formidling.bridge.run;

import no.formidling.bridge.RunView;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.formidling.audit.AuditEntry;
import no.formidling.audit.AuditLog;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.BrokerFaults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Outages, rejected files and compensation, against the real server with faults injected in front of the API. */
@BridgeIntegrationTest
class BridgeRecoveryIT {
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @Autowired
    BrokerFaults faults;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient db;
    @TempDir
    Path tmp;

    @AfterEach
    void heal() {
        faults.reset();
    }

    private void jobs(String... nameAndYaml) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("jobs"));
        for (int i = 0; i < nameAndYaml.length; i += 2) {
            Files.writeString(dir.resolve(nameAndYaml[i] + ".yml"), nameAndYaml[i + 1]);
        }
        catalog.load(dir);
    }

    @Test
    void outageInTheMiddleOfARunIsRiddenOutAndEveryFileIsSentExactlyOnce() throws Exception {
        Path source = tmp.resolve("outage");
        randomFiles(source, 200, 2);
        jobs("outage", outboundJob("outage", port, source, ""));
        faults.unavailableAfter(150, 60);

        JobExecution run = runner.run("outage", Instant.now(), "test");

        assertThat(faults.served503()).as("the outage happened").isEqualTo(60);
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunView.of(run).written()).isEqualTo(200);
        assertThat(RunView.of(run).failed()).isZero();
        List<UUID> ids = db.sql("select transfer_id from bridge_file where job_name = 'outage'").query(UUID.class).list();
        assertThat(ids).hasSize(200).doesNotHaveDuplicates();
        assertThat(db.sql("select count(*) from file_transfer where id in (:ids) and status = 'Published'").param("ids", ids)
                .query(Integer.class).single()).isEqualTo(200);
        assertThat(db.sql("select count(*) from file_transfer where sender = '0192:310000001' and senders_reference like 'outage/%'")
                .query(Integer.class).single()).as("no file initialized twice").isEqualTo(200);
    }

    @Test
    void rejectedUploadCancelsTheTransferAndMovesTheFileToTheErrorFolder() throws Exception {
        Path source = tmp.resolve("rejected");
        randomFiles(source, 1, 3);
        jobs("rejected", outboundJob("rejected", port, source, ""));
        faults.rejectNextUploads(1);

        JobExecution run = runner.run("rejected", Instant.now(), "test");

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunView.of(run).failed()).isEqualTo(1);
        assertThat(source.resolve("error/file-00000.dat")).exists();
        JsonNode report = new ObjectMapper().readTree(source.resolve("error/file-00000.dat.error.json").toFile());
        assertThat(report.path("error").asText()).contains("400").contains("Injected rejection of the upload");
        assertThat(report.path("transferCancelled").asBoolean()).isTrue();
        UUID transfer = UUID.fromString(report.path("transferId").asText());
        assertThat(db.sql("select status from file_transfer_status_history where file_transfer_id = ?").param(transfer).query(String.class).list())
                .as("compensation cancelled the transfer (the server may purge it right after)").contains("Cancelled").doesNotContain("Published");
        assertThat(audit.forRun(run.getId())).extracting(AuditEntry::step, AuditEntry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("cancel", AuditEntry.Outcome.COMPENSATED),
                        org.assertj.core.groups.Tuple.tuple("send", AuditEntry.Outcome.FAILED));
    }

    @Test
    void recipientsComeFromFileNamesAndARefusedRecipientSendsTheFileToTheErrorFolder() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("by-name"));
        Files.writeString(source.resolve("310000002_invoice.xml"), "<invoice/>");
        Files.writeString(source.resolve("999999999_invoice.xml"), "<invoice/>");
        Files.writeString(source.resolve("no-recipient.xml"), "<invoice/>");
        String yaml = outboundJob("by-name", port, source, "").replace("recipients: {static: [\"0192:310000002\"]}",
                "recipients: {fileNamePattern: \"^(?<recipient>\\\\d{9})_(?<kind>.*)\\\\.xml$\"}\n  propertyList: {kind: \"{kind}\"}");
        jobs("by-name", yaml);

        JobExecution run = runner.run("by-name", Instant.now(), "test");

        assertThat(RunView.of(run).written()).isEqualTo(1);
        assertThat(RunView.of(run).failed()).isEqualTo(2);
        assertThat(source.resolve("archive/310000002_invoice.xml")).exists();
        assertThat(Files.readString(source.resolve("error/999999999_invoice.xml.error.json"))).contains("400");
        assertThat(Files.readString(source.resolve("error/no-recipient.xml.error.json"))).contains("fileNamePattern");
        assertThat(db.sql("select property_list::text from file_transfer where senders_reference = 'by-name/310000002_invoice.xml'")
                .query(String.class).single()).contains("\"kind\": \"invoice\"");
    }

    @Test
    void markerRuleAndSidecarRecipients() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("marker"));
        Files.writeString(source.resolve("ready.txt"), "ready");
        Files.writeString(source.resolve("ready.txt.done"), "");
        Files.writeString(source.resolve("ready.txt.json"), "{\"recipients\":[\"310000002\"],\"sendersReference\":\"from-sidecar\"}");
        Files.writeString(source.resolve("still-writing.txt"), "half");
        String yaml = outboundJob("marker", port, source, "completion: {rule: marker, markerSuffix: .done}")
                .replace("recipients: {static: [\"0192:310000002\"]}", "recipients: {sidecarSuffix: .json}");
        jobs("marker", yaml);

        JobExecution run = runner.run("marker", Instant.now(), "test");

        assertThat(RunView.of(run).written()).isEqualTo(1);
        assertThat(RunView.of(run).skipped()).as("the file without marker waits").isEqualTo(1);
        assertThat(source.resolve("still-writing.txt")).exists();
        assertThat(source.resolve("archive")).isDirectoryContaining(p -> p.getFileName().toString().equals("ready.txt.done"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("ready.txt.json"));
        assertThat(db.sql("select count(*) from file_transfer where senders_reference = 'from-sidecar'").query(Integer.class).single()).isEqualTo(1);
    }
}
