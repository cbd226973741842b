package no.formidling.broker;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A file from one organisation to two others, through every status, over HTTP against the real server. */
@IntegrationTest
class BrokerLifecycleIT {
    static final String ORG_C = "310000003";
    static final String RESOURCE = "it-lifecycle";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient db;
    @Value("${formidling.data-dir}")
    Path dataDir;

    BrokerApi api;
    ProcessDriver process;

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        process = new ProcessDriver(runtime, management);
        api.createResource(RESOURCE, List.of(ORG_A, ORG_B, ORG_C), Map.of("purgeFileTransferGracePeriod", "PT1H"));
    }

    @Test
    void fileReachesTwoRecipientsAndIsPurgedAfterBothConfirm() throws Exception {
        String sender = api.token(ORG_A, WRITE_READ);
        String recipientB = api.token(ORG_B, "altinn:broker.read");
        String recipientC = api.token(ORG_C, "altinn:broker.read");
        byte[] content = "<report>quarterly figures</report>".getBytes(StandardCharsets.UTF_8);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));

        UUID id = api.initializeOk(sender, RESOURCE, "urn:altinn:organization:identifier-no:" + ORG_A, List.of("0192:" + ORG_B, "0192:" + ORG_C),
                Map.of("checksum", md5, "propertyList", Map.of("caseNumber", "123")));
        assertThat(api.status(sender, id)).isEqualTo("Initialized");
        assertThat(process.waitingAt(id)).contains("Event_AwaitUpload");

        BrokerApi.Response upload = api.upload(sender, id, content);
        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.json().get("fileTransferId").asText()).isEqualTo(id.toString());

        JsonNode overview = api.overview(recipientB, id);
        assertThat(overview.get("fileTransferStatus").asText()).isEqualTo("Published");
        assertThat(overview.get("fileTransferStatusText").asText()).isEqualTo("Ready for download");
        assertThat(overview.get("fileTransferSize").asLong()).isEqualTo(content.length);
        assertThat(overview.get("checksum").asText()).isEqualTo(md5);
        assertThat(overview.get("sender").asText()).isEqualTo("urn:altinn:organization:identifier-no:" + ORG_A);
        assertThat(overview.get("propertyList").get("caseNumber").asText()).isEqualTo("123");
        assertThat(overview.get("published").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}\\+00:00");
        assertThat(overview.get("recipients")).hasSize(2);

        BrokerApi.Response download = api.download(recipientB, id, null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().body()).isEqualTo(content);
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=report.xml; filename*=UTF-8''report.xml");
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(content.length));
        assertThat(api.confirm(recipientB, id).status()).isEqualTo(200);
        assertThat(api.status(sender, id)).isEqualTo("Published");

        assertThat(api.download(recipientC, id, null).raw().body()).isEqualTo(content);
        assertThat(api.confirm(recipientC, id).status()).isEqualTo(200);
        assertThat(api.confirm(recipientC, id).status()).as("confirming twice is a no-op").isEqualTo(200);
        assertThat(api.status(sender, id)).isEqualTo("AllConfirmedDownloaded");

        BrokerApi.Response details = api.get("/broker/api/v1/filetransfer/" + id + "/details", sender);
        assertThat(details.json().get("fileTransferStatusHistory").findValuesAsText("fileTransferStatus"))
                .containsExactly("Initialized", "UploadStarted", "UploadProcessing", "Published", "AllConfirmedDownloaded");
        assertThat(details.json().get("recipientFileTransferStatusHistory").findValuesAsText("recipientFileTransferStatusCode"))
                .containsExactlyInAnyOrder("Initialized", "Initialized", "DownloadStarted", "DownloadStarted", "DownloadConfirmed", "DownloadConfirmed");

        Path blob = dataDir.resolve("blobs").resolve(id.toString().substring(0, 2)).resolve(id.toString());
        assertThat(blob).exists();
        process.execute(id, "Event_GracePeriodOver");
        process.runAsyncSteps(id);
        assertThat(api.status(sender, id)).isEqualTo("Purged");
        assertThat(blob).doesNotExist();
        assertThat(process.instance(id)).isNull();
        assertThat(api.download(recipientB, id, null).code()).isEqualTo("BRO-00007");

        assertThat(eventsFor(id)).containsExactly(
                "filetransferinitialized:" + ORG_A,
                "uploadprocessing:" + ORG_A,
                "published:" + ORG_B, "published:" + ORG_C, "published:" + ORG_A,
                "downloadconfirmed:" + ORG_B, "downloadconfirmed:" + ORG_A,
                "downloadconfirmed:" + ORG_C, "downloadconfirmed:" + ORG_A,
                "allconfirmeddownloaded:" + ORG_A,
                "filepurged:" + ORG_A);
    }

    @Test
    void theSameConfirmSentManyTimesAtOnceAnswers200EveryTimeAndConfirmsOnce() throws Exception {
        String sender = api.token(ORG_A, WRITE_READ);
        String recipient = api.token(ORG_B, "altinn:broker.read");
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        assertThat(api.upload(sender, id, "once".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(api.download(recipient, id, null).status()).isEqualTo(200);

        // a client's retry reaching another node while the first confirm is still in flight
        int clients = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            List<java.util.concurrent.Future<BrokerApi.Response>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return new BrokerApi(port).confirm(recipient, id);
                }));
            }
            start.countDown();
            for (var answer : answers) {
                BrokerApi.Response r = answer.get();
                assertThat(r.status()).as(r.body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        BrokerApi.Response details = api.get("/broker/api/v1/filetransfer/" + id + "/details", sender);
        assertThat(details.json().get("fileTransferStatusHistory").findValuesAsText("fileTransferStatus")).containsOnlyOnce("AllConfirmedDownloaded");
        assertThat(details.json().get("recipientFileTransferStatusHistory").findValuesAsText("recipientFileTransferStatusCode"))
                .containsOnlyOnce("DownloadConfirmed");
        assertThat(db.sql("select count(*) from outbox_event where resource_instance = ? and type = 'no.altinn.broker.allconfirmeddownloaded'")
                .param(id.toString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void rangeDownloadAnswersPartialContentAndRejectsUnsatisfiableRanges() {
        String sender = api.token(ORG_A, WRITE_READ);
        String recipient = api.token(ORG_B, "altinn:broker.read");
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        api.upload(sender, id, "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII));

        BrokerApi.Response part = api.download(recipient, id, "bytes=0-9");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("0123456789");
        assertThat(part.header("Content-Range")).isEqualTo("bytes 0-9/20");
        assertThat(part.header("Content-Length")).isEqualTo("10");
        assertThat(part.header("Accept-Ranges")).isEqualTo("bytes");

        BrokerApi.Response suffix = api.download(recipient, id, "bytes=-5");
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo("fghij");
        assertThat(api.download(recipient, id, "bytes=15-").body()).isEqualTo("fghij");
        assertThat(api.download(recipient, id, "bytes=18-100").header("Content-Range")).isEqualTo("bytes 18-19/20");

        BrokerApi.Response unsatisfiable = api.download(recipient, id, "bytes=20-30");
        assertThat(unsatisfiable.status()).isEqualTo(416);
        assertThat(unsatisfiable.code()).isEqualTo("BRO-00029");
        assertThat(unsatisfiable.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.download(recipient, id, "items=0-1").status()).as("other units are ignored").isEqualTo(200);
    }

    @Test
    void largerFileStreamsThroughUnchanged() throws Exception {
        String sender = api.token(ORG_A, WRITE_READ);
        String recipient = api.token(ORG_B, "altinn:broker.read");
        byte[] content = new byte[5 * 1024 * 1024 + 17];
        new java.util.Random(42).nextBytes(content);
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        assertThat(api.upload(sender, id, content).status()).isEqualTo(200);
        BrokerApi.Response download = api.download(recipient, id, null);
        assertThat(download.raw().body()).isEqualTo(content);
        assertThat(Files.exists(dataDir.resolve("blobs"))).isTrue();
    }

    List<String> eventsFor(UUID id) {
        return db.sql("select type, subject from outbox_event where resource_instance = ? order by time, type")
                .param(id.toString())
                .query((rs, n) -> rs.getString(1).replace("no.altinn.broker.", "") + ":"
                        + rs.getString(2).replace("urn:altinn:organization:identifier-no:", ""))
                .list();
    }
}
