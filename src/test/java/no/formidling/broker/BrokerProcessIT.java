package no.formidling.broker;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.ops.CommitCounter;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The BPMN lifecycle driven one job at a time: expiry, purge after grace, cancel, abandoned uploads, commit budget. */
@IntegrationTest
class BrokerProcessIT {
    static final String ORG_C = "310000003";
    static final String RESOURCE = "it-process";
    static final String KEEP_RESOURCE = "it-process-keep";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    HistoryService history;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcClient db;
    @Autowired
    CommitCounter commits;
    @Autowired
    AbandonedUploadSweeper abandonedUploads;
    @Value("${formidling.data-dir}")
    Path dataDir;

    BrokerApi api;
    ProcessDriver process;
    String sender;
    String recipientB;

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        process = new ProcessDriver(runtime, management);
        api.createResource(RESOURCE, List.of(ORG_A, ORG_B, ORG_C), Map.of("fileTransferTimeToLive", "P1D"));
        api.createResource(KEEP_RESOURCE, List.of(ORG_A, ORG_B), Map.of("purgeFileTransferAfterAllRecipientsConfirmed", false));
        sender = api.token(ORG_A, WRITE_READ);
        recipientB = api.token(ORG_B, "altinn:broker.read");
    }

    UUID published(String resource, List<String> recipients) {
        UUID id = api.initializeOk(sender, resource, "0192:" + ORG_A, recipients.stream().map(r -> "0192:" + r).toList(), Map.of());
        assertThat(api.upload(sender, id, "content".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(api.status(sender, id)).isEqualTo("Published");
        return id;
    }

    Path blob(UUID id) {
        return dataDir.resolve("blobs").resolve(id.toString().substring(0, 2)).resolve(id.toString());
    }

    List<String> events(UUID id, String type) {
        return db.sql("select subject from outbox_event where resource_instance = ? and type = ? order by subject")
                .params(id.toString(), "no.altinn.broker." + type).query(String.class).list()
                .stream().map(s -> s.replace("urn:altinn:organization:identifier-no:", "")).toList();
    }

    @Test
    void expiryWithAnUnconfirmedRecipientReportsItThenPurges() {
        String recipientC = api.token(ORG_C, "altinn:broker.read");
        UUID id = published(RESOURCE, List.of(ORG_B, ORG_C));
        api.download(recipientB, id, null);
        api.confirm(recipientB, id);
        assertThat(process.waitingAt(id)).containsExactly("Gateway_AwaitConfirmations");

        process.execute(id, "Event_Expired");
        assertThat(events(id, "fileneverconfirmeddownloaded")).containsExactly(ORG_A, ORG_C);
        assertThat(api.status(sender, id)).as("purge is a step of its own").isEqualTo("Published");
        assertThat(blob(id)).exists();

        process.execute(id, "Task_PurgeFileTransfer");
        assertThat(api.status(sender, id)).isEqualTo("Purged");
        assertThat(blob(id)).doesNotExist();
        assertThat(events(id, "filepurged")).as("to the sender only, as upstream").containsExactly(ORG_A);
        assertThat(process.instance(id)).isNull();
        assertThat(api.download(recipientC, id, null).code()).isEqualTo("BRO-00007");
    }

    @Test
    void allConfirmedWaitsForTheGracePeriodThenPurges() {
        UUID id = published(RESOURCE, List.of(ORG_B));
        api.download(recipientB, id, null);
        api.confirm(recipientB, id);
        assertThat(process.waitingAt(id)).containsExactly("Event_GracePeriodOver");
        assertThat(blob(id)).exists();
        process.execute(id, "Event_GracePeriodOver");
        process.execute(id, "Task_PurgeFileTransfer");
        assertThat(api.status(sender, id)).isEqualTo("Purged");
        assertThat(events(id, "fileneverconfirmeddownloaded")).isEmpty();
        assertThat(blob(id)).doesNotExist();
    }

    @Test
    void resourceThatKeepsConfirmedFilesPurgesOnlyAtExpiry() {
        UUID id = published(KEEP_RESOURCE, List.of(ORG_B));
        api.download(recipientB, id, null);
        api.confirm(recipientB, id);
        assertThat(process.waitingAt(id)).containsExactly("Event_ExpiredAfterConfirmed");
        process.execute(id, "Event_ExpiredAfterConfirmed");
        process.execute(id, "Task_PurgeFileTransfer");
        assertThat(api.status(sender, id)).isEqualTo("Purged");
    }

    @Test
    void purgeIsSafeToRepeatWhenTheBlobIsAlreadyGone() throws Exception {
        UUID id = published(RESOURCE, List.of(ORG_B));
        java.nio.file.Files.delete(blob(id));
        String instanceId = process.instance(id).getId();
        process.execute(id, "Event_Expired");
        process.execute(id, "Task_PurgeFileTransfer");
        assertThat(api.status(sender, id)).isEqualTo("Purged");
        assertThat(runtime.createIncidentQuery().processInstanceId(instanceId).list()).isEmpty();
    }

    @Test
    void aPurgeThatKeepsFailingIsRetriedThenRaisesAnIncident() throws Exception {
        UUID id = published(RESOURCE, List.of(ORG_B));
        java.nio.file.Files.delete(blob(id));
        java.nio.file.Files.createDirectories(blob(id).resolve("cannot-delete-me"));
        process.execute(id, "Event_Expired");
        for (int attempt = 1; attempt <= 3; attempt++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> process.execute(id, "Task_PurgeFileTransfer"))
                    .as("attempt %d", attempt).isInstanceOf(Exception.class);
        }
        var incidents = runtime.createIncidentQuery().processInstanceId(process.instance(id).getId()).list();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).getActivityId()).isEqualTo("Task_PurgeFileTransfer");
        assertThat(api.status(sender, id)).as("the failed attempts changed nothing").isEqualTo("Published");
        assertThat(events(id, "filepurged")).isEmpty();

        java.nio.file.Files.delete(blob(id).resolve("cannot-delete-me"));
        java.nio.file.Files.delete(blob(id));
        String instanceId = process.instance(id).getId();
        management.setJobRetries(management.createJobQuery().processInstanceId(instanceId).singleResult().getId(), 1);
        process.execute(id, "Task_PurgeFileTransfer");
        assertThat(api.status(sender, id)).isEqualTo("Purged");

        // History level process-and-incidents: what operators need of a finished instance stays, the activity trail is not written.
        var finished = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id.toString()).singleResult();
        assertThat(finished.getId()).isEqualTo(instanceId);
        assertThat(finished.getEndTime()).isNotNull();
        assertThat(finished.getState()).isEqualTo("COMPLETED");
        var pastIncidents = history.createHistoricIncidentQuery().processInstanceId(instanceId).list();
        assertThat(pastIncidents).hasSize(1);
        assertThat(pastIncidents.get(0).isResolved()).isTrue();
        assertThat(pastIncidents.get(0).getActivityId()).isEqualTo("Task_PurgeFileTransfer");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instanceId).count()).isZero();
    }

    @Test
    void cancelBySenderPurgesTheFile() {
        UUID id = published(RESOURCE, List.of(ORG_B));
        assertThat(api.delete("/broker/api/v1/filetransfer/" + id, recipientB).status()).isEqualTo(403);
        assertThat(api.delete("/broker/api/v1/filetransfer/" + id, sender).status()).isEqualTo(200);
        assertThat(api.status(sender, id)).isEqualTo("Cancelled");
        assertThat(api.download(recipientB, id, null).code()).isEqualTo("BRO-00007");
        assertThat(process.waitingAt(id)).containsExactly("Task_PurgeCancelledFileTransfer");
        process.execute(id, "Task_PurgeCancelledFileTransfer");
        assertThat(api.status(sender, id)).isEqualTo("Purged");
        assertThat(blob(id)).doesNotExist();
        assertThat(api.delete("/broker/api/v1/filetransfer/" + id, sender).status()).as("cancel again is a no-op").isEqualTo(200);
    }

    @Test
    void abandonedUploadFailsAfterTheTimeout() {
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        UUID recent = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        db.sql("update file_transfer set created = created - interval '25 hours' where id = ?").param(id).update();

        assertThat(abandonedUploads.sweep()).as("only the transfer past the 24 h timeout").isEqualTo(1);
        assertThat(api.status(sender, recent)).isEqualTo("Initialized");
        assertThat(api.status(sender, id)).isEqualTo("Failed");
        assertThat(abandonedUploads.sweep()).as("a failed transfer is not swept again").isZero();
        assertThat(events(id, "uploadfailed")).containsExactly(ORG_A);
        process.runAsyncSteps(id);
        assertThat(process.instance(id)).isNull();
        assertThat(api.upload(sender, id, new byte[3]).code()).isEqualTo("BRO-00004");
    }

    /** A server upgraded with transfers waiting for their upload: their instances wait for the earlier model's messages. */
    @Test
    void anInstanceOfTheEarlierModelStillFinishesItsUpload() throws Exception {
        String key = "broker-file-transfer-2026-11";
        if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
            try (var model = getClass().getResourceAsStream("/earlier-models/broker-file-transfer-2026-11.bpmn.xml")) {
                repository.createDeployment().name(key).addInputStream(key + ".bpmn", model).deploy();
            }
        }
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        runtime.deleteProcessInstance(process.instance(id).getId(), "replaced by an instance of the earlier model");
        runtime.startProcessInstanceByKey(key, id.toString(), Map.of("fileTransferId", id.toString(),
                "expirationTime", java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(1))),
                "purgeGracePeriod", "PT2H", "purgeAfterAllConfirmed", true, "abandonedUploadTimeout", "PT24H", "scanRequired", false));

        assertThat(api.upload(sender, id, "content".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(api.status(sender, id)).isEqualTo("Published");
        assertThat(process.waitingAt(id)).contains("Gateway_AwaitConfirmations");
    }

    @Test
    void checksumMismatchDiscardsTheBytes() {
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B),
                Map.of("checksum", "00000000000000000000000000000000"));
        assertThat(api.upload(sender, id, "x".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo("BRO-00009");
        assertThat(process.waitingAt(id)).containsExactly("Task_DeleteFailedUpload");
        process.execute(id, "Task_DeleteFailedUpload");
        assertThat(blob(id)).doesNotExist();
        assertThat(process.instance(id)).isNull();
    }

    /**
     * DESIGN.md "commits are the budget": a small transfer from initialize to confirmed within 6 commits,
     * counted as PostgreSQL counts them (read-only transactions and auto-commit statements included).
     */
    @Test
    void smallTransferLifecycleStaysWithinTheCommitBudget() {
        long before = commits.commits();
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        long afterInitialize = commits.commits();
        api.upload(sender, id, new byte[1024]);
        long afterUpload = commits.commits();
        api.download(recipientB, id, null);
        api.confirm(recipientB, id);
        long total = commits.commits() - before;
        assertThat(afterInitialize - before).as("initialize").isEqualTo(1);
        assertThat(afterUpload - afterInitialize).as("upload: claim, then record and publish").isEqualTo(2);
        long beforeOverview = commits.commits();
        api.overview(recipientB, id);
        assertThat(commits.commits() - beforeOverview).as("a read is one read-only transaction").isEqualTo(1);
        assertThat(total).as("initialize → upload → published → download → confirm").isLessThanOrEqualTo(6);
        assertThat(api.status(sender, id)).isEqualTo("AllConfirmedDownloaded");
    }
}
