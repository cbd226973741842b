package no.formidling.broker;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Search filters as a recipient and a sender see them, and initialize-and-upload from a multipart form. */
@IntegrationTest
class BrokerSearchAndFormIT {
    static final String RESOURCE = "it-search";
    static final String ORG_C = "310000003";

    @LocalServerPort
    int port;
    BrokerApi api;
    String tokenA;
    String tokenB;

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        api.createResource(RESOURCE, List.of(ORG_A, ORG_B, ORG_C), Map.of());
        tokenA = api.token(ORG_A, WRITE_READ);
        tokenB = api.token(ORG_B, WRITE_READ);
    }

    List<String> search(String token, String query) {
        BrokerApi.Response r = api.get("/broker/api/v1/filetransfer?resourceId=" + RESOURCE + query, token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void filtersByRoleStatusRecipientStatusAndTime() throws Exception {
        Instant start = Instant.now();
        UUID aToB = api.initializeOk(tokenA, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        awaitClockPast(Instant.now());
        UUID bToA = api.initializeOk(tokenB, RESOURCE, "0192:" + ORG_B, List.of("0192:" + ORG_A), Map.of());
        awaitClockPast(Instant.now());
        UUID aToC = api.initializeOk(tokenA, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_C), Map.of());
        api.upload(tokenA, aToB, "x".getBytes(StandardCharsets.UTF_8));
        api.download(tokenB, aToB, null);
        Instant afterAll = Instant.now();

        assertThat(search(tokenB, "&role=Recipient")).containsExactly(aToB.toString());
        assertThat(search(tokenB, "&role=Sender")).containsExactly(bToA.toString());
        assertThat(search(tokenB, "")).containsExactly(bToA.toString(), aToB.toString());
        assertThat(search(tokenB, "&orderAscending=true")).containsExactly(aToB.toString(), bToA.toString());
        assertThat(search(tokenA, "&role=sender&status=Initialized")).containsExactly(aToC.toString());
        assertThat(search(tokenA, "&status=Published")).containsExactly(aToB.toString());
        assertThat(search(tokenB, "&recipientStatus=DownloadStarted")).containsExactly(aToB.toString());
        assertThat(search(tokenB, "&recipientStatus=Initialized")).isEmpty();
        assertThat(search(tokenA, "&from=" + afterAll)).isEmpty();
        assertThat(search(tokenA, "&from=" + start + "&to=" + afterAll)).containsExactlyInAnyOrder(aToB.toString(), bToA.toString(), aToC.toString());
        assertThat(search(api.token(ORG_C, WRITE_READ), "")).as("C sees only its own").containsExactly(aToC.toString());
    }

    /** The search orders by creation time: the next transfer is created strictly later than the one before. */
    private static void awaitClockPast(Instant mark) {
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().isAfter(mark));
    }

    @Test
    void searchReturnsAtMostAHundredIds() {
        for (int i = 0; i < 105; i++) {
            api.initializeOk(tokenA, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_C), Map.of());
        }
        assertThat(search(api.token(ORG_C, "altinn:broker.read"), "")).hasSize(100);
    }

    @Test
    void serviceOwnerGetsMonthlyStatisticsAsCsv() {
        String owner = api.serviceOwnerToken();
        UUID id = api.initializeOk(tokenA, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        api.upload(tokenA, id, "x".getBytes(StandardCharsets.UTF_8));
        api.download(tokenB, id, null);
        api.confirm(tokenB, id);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        BrokerApi.Response csv = api.get("/broker/api/v1/statistics/monthly?year=" + today.getYear() + "&month=" + today.getMonthValue()
                + "&resourceId=" + RESOURCE, owner);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("year,month,resourceId,senderVendor,recipientVendor,sender,recipient,totalFileTransfers,uploadCount,totalTransferDownloadAttempts,transfersWithDownloadConfirmed");
        assertThat(lines).anyMatch(l -> l.startsWith(today.getYear() + "," + today.getMonthValue() + "," + RESOURCE + ",,,0192:" + ORG_A + ",0192:" + ORG_B + ","));
        assertThat(api.get("/broker/api/v1/statistics/monthly?year=2026&month=13", owner).code()).isEqualTo("BRO-06003");
        assertThat(api.get("/broker/api/v1/statistics/monthly?year=2026&month=1&includeEndUser=false", owner).code()).isEqualTo("BRO-06005");
        assertThat(api.get("/broker/api/v1/statistics/monthly?year=2026&month=1", tokenA).status()).isEqualTo(403);
    }

    @Test
    void initializeAndUploadFromAMultipartForm() {
        String boundary = "----formidling" + UUID.randomUUID();
        StringBuilder form = new StringBuilder();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("Metadata.FileName", "form.txt");
        fields.put("Metadata.ResourceId", RESOURCE);
        fields.put("Metadata.SendersFileTransferReference", "CaseFiles-123");
        fields.put("Metadata.Sender", "0192:" + ORG_A);
        fields.put("Metadata.Recipients", "0192:" + ORG_B);
        fields.put("Metadata.PropertyList.caseNumber", "42");
        fields.put("Metadata.DisableVirusScan", "false");
        fields.forEach((k, v) -> form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(k).append("\"\r\n\r\n").append(v).append("\r\n"));
        form.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"FileTransfer\"; filename=\"form.txt\"\r\n")
                .append("Content-Type: text/plain\r\n\r\nform content\r\n--").append(boundary).append("--\r\n");
        BrokerApi.Response r = api.send(api.request("/broker/api/v1/filetransfer/upload", tokenA)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        UUID id = UUID.fromString(r.json().get("fileTransferId").asText());
        JsonNode overview = api.overview(tokenB, id);
        assertThat(overview.get("fileTransferStatus").asText()).isEqualTo("Published");
        assertThat(overview.get("sendersFileTransferReference").asText()).isEqualTo("CaseFiles-123");
        assertThat(overview.at("/propertyList/caseNumber").asText()).isEqualTo("42");
        assertThat(api.download(tokenB, id, null).body()).isEqualTo("form content");

        String noFile = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"Metadata.FileName\"\r\n\r\nx.txt\r\n--" + boundary + "--\r\n";
        BrokerApi.Response missing = api.send(api.request("/broker/api/v1/filetransfer/upload", tokenA)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(noFile)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").fieldNames()).toIterable().contains("FileTransfer", "Metadata.Sender", "Metadata.ResourceId");
    }
}
