package no.formidling.broker;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every validation and authorization rule a client can run into, with upstream's status and error code. */
@IntegrationTest
class BrokerRulesIT {
    static final String FT = "/broker/api/v1/filetransfer";
    static final String OTHER_ORG = "310000009";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;
    BrokerApi api;
    String sender;
    String recipient;

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        sender = api.token(ORG_A, WRITE_READ);
        recipient = api.token(ORG_B, "altinn:broker.read");
    }

    UUID newTransfer(Map<String, Object> extra) {
        return api.initializeOk(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), extra);
    }

    void assertProblem(BrokerApi.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at no.formidling");
    }

    @Test
    void missingOrMalformedInitializeFieldsAreListedInOneValidationProblem() {
        BrokerApi.Response r = api.postJson(FT, sender, Map.of("recipients", List.of()));
        assertProblem(r, 400, null);
        assertThat(r.json().get("title").asText()).isEqualTo("One or more validation errors occurred.");
        assertThat(r.json().get("errors").fieldNames()).toIterable().contains("FileName", "ResourceId", "Sender", "Recipients");
        assertThat(r.json().at("/errors/Recipients/0").asText()).isEqualTo("One or more recipients are required");

        BrokerApi.Response badParty = api.initialize(sender, DEMO_RESOURCE, "310000001", List.of("0192:12"), Map.of());
        assertThat(badParty.json().get("errors").fieldNames()).toIterable().containsExactlyInAnyOrder("Sender", "Recipients");

        BrokerApi.Response badChecksum = api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B),
                Map.of("checksum", "ABC"));
        assertThat(badChecksum.json().at("/errors/Checksum/0").asText()).contains("length of 32");

        Map<String, String> tooMany = new java.util.HashMap<>();
        for (int i = 0; i < 11; i++) {
            tooMany.put("k" + i, "v");
        }
        assertThat(api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("propertyList", tooMany))
                .json().at("/errors/PropertyList/0").asText()).isEqualTo("PropertyList can contain at most 10 properties");
    }

    @Test
    void pathLikeFileNamesAreRejectedAndUnknownFieldsIgnored() {
        for (String name : List.of("../../etc/passwd", "dir/file.txt", "a\\b.txt", "..", "line\nbreak.txt")) {
            BrokerApi.Response r = api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("fileName", name));
            assertProblem(r, 400, null);
            assertThat(r.json().get("errors").has("FileName")).as(name).isTrue();
        }
        BrokerApi.Response ok = api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B),
                Map.of("somethingNew", 1, "fileName", "rapport æøå.pdf"));
        assertThat(ok.status()).isEqualTo(200);
        BrokerApi.Response pascal = api.postJson(FT, sender, """
                {"FileName":"x.txt","ResourceId":"formidling-demo","Sender":"0192:310000001","Recipients":["0192:310000002"]}""");
        assertThat(pascal.status()).as("property names match case-insensitively").isEqualTo(200);
    }

    @Test
    void malformedRequestsGetProblemDetailsNotServerErrors() {
        assertProblem(api.postJson(FT, sender, "{\"fileName\": "), 400, null);
        assertProblem(api.postJson(FT, sender, "[1,2]"), 400, null);
        assertProblem(api.get(FT + "/not-a-guid", sender), 400, null);
        assertThat(api.get(FT + "/not-a-guid", sender).json().at("/errors/fileTransferId/0").asText()).isEqualTo("The value 'not-a-guid' is not valid.");
        assertProblem(api.send(api.request(FT, sender).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))), 415, null);
        assertProblem(api.get(FT + "?resourceId=" + DEMO_RESOURCE + "&status=Nonsense", sender), 400, null);
        assertProblem(api.get(FT, sender), 400, null);
        assertProblem(api.get(FT + "/" + UUID.randomUUID(), sender), 404, "BRO-00001");
    }

    @Test
    void tokensAndScopesAreEnforced() {
        assertProblem(api.get(FT + "/" + UUID.randomUUID(), null), 401, null);
        assertProblem(api.get(FT + "/" + UUID.randomUUID(), "not.a.token"), 401, null);
        String readOnly = api.token(ORG_A, "altinn:broker.read");
        assertProblem(api.initialize(readOnly, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of()), 403, null);
        UUID id = newTransfer(Map.of());
        String writeOnly = api.token(ORG_B, "altinn:broker.write");
        assertProblem(api.download(writeOnly, id, null), 403, null);
        assertProblem(api.post("/broker/api/v1/serviceowner", sender), 403, null);
        assertThat(api.get(FT + "/" + id, null).header("WWW-Authenticate")).isEqualTo("Bearer");
        BrokerApi.Response head = api.send(api.request(FT + "/" + id + "/download", recipient).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(405);
        assertThat(api.send(api.request(FT + "/" + id + "/download", writeOnly).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(403);
    }

    @Test
    void sendersActOnlyForThemselvesAndOnlyToAllowedRecipients() {
        assertProblem(api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_B, List.of("0192:" + ORG_A), Map.of()), 401, "BRO-00006");
        String outsider = api.token(OTHER_ORG, WRITE_READ);
        assertProblem(api.initialize(outsider, DEMO_RESOURCE, "0192:" + OTHER_ORG, List.of("0192:" + ORG_B), Map.of()), 401, "BRO-00006");
        assertProblem(api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + OTHER_ORG), Map.of()), 400, "BRO-00028");
        assertProblem(api.initialize(sender, "no-such-resource", "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of()), 401, "BRO-00006");
        assertProblem(api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("disableVirusScan", true)),
                400, "BRO-00020");
        String approved = "it-approved-without-scan";
        api.createResource(approved, List.of(ORG_A, ORG_B), Map.of("approvedForDisabledVirusScan", true));
        assertThat(api.get("/broker/api/v1/resource/" + approved, api.serviceOwnerToken()).json().path("approvedForDisabledVirusScan").asBoolean()).isTrue();
        assertThat(api.initialize(sender, approved, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("disableVirusScan", true)).status())
                .as("once the service owner approved the resource").isEqualTo(200);
    }

    @Test
    void onlySenderRecipientsAndServiceOwnerSeeATransfer() {
        UUID id = newTransfer(Map.of());
        api.upload(sender, id, "top-secret-contents".getBytes(StandardCharsets.UTF_8));
        assertThat(api.get(FT + "/" + id, recipient).status()).isEqualTo(200);
        assertThat(api.get(FT + "/" + id, api.serviceOwnerToken()).status()).isEqualTo(403);
        assertThat(api.get(FT + "/" + id, api.token(OWNER, WRITE_READ)).status()).as("the resource's service owner").isEqualTo(200);
        String outsider = api.token(OTHER_ORG, WRITE_READ);
        assertProblem(api.get(FT + "/" + id, outsider), 401, "BRO-00006");
        BrokerApi.Response stolen = api.download(outsider, id, null);
        assertProblem(stolen, 401, "BRO-00006");
        assertThat(stolen.body()).doesNotContain("top-secret");
        assertProblem(api.download(sender, id, null), 401, "BRO-00006");
        assertProblem(api.upload(api.token(ORG_B, WRITE_READ), newTransfer(Map.of()), new byte[1]), 401, "BRO-00006");
    }

    @Test
    void uploadRules() {
        UUID id = newTransfer(Map.of());
        assertThat(api.upload(sender, id, "first".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertProblem(api.upload(sender, id, "second".getBytes(StandardCharsets.UTF_8)), 409, "BRO-00004");
        assertThat(api.download(recipient, id, null).body()).isEqualTo("first");

        UUID mismatch = newTransfer(Map.of("checksum", "0123456789abcdef0123456789abcdef"));
        assertProblem(api.upload(sender, mismatch, "payload".getBytes(StandardCharsets.UTF_8)), 400, "BRO-00009");
        assertThat(api.overview(sender, mismatch).get("fileTransferStatus").asText()).isEqualTo("Failed");
        assertThat(api.overview(sender, mismatch).get("fileTransferStatusText").asText()).isEqualTo("Checksum mismatch");
        assertProblem(api.upload(sender, mismatch, "payload".getBytes(StandardCharsets.UTF_8)), 409, "BRO-00004");

        assertProblem(api.send(api.request(FT + "/" + newTransfer(Map.of()) + "/upload", sender)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, null);
    }

    @Test
    void fileLargerThanTheResourceAllowsIsRefusedAndNothingIsKept() {
        api.createResource("it-small-files", List.of(ORG_A, ORG_B), Map.of("maxFileTransferSize", 1024));
        UUID id = api.initializeOk(sender, "it-small-files", "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        assertProblem(api.upload(sender, id, new byte[1025]), 400, "BRO-00016");
        UUID streamed = api.initializeOk(sender, "it-small-files", "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        BrokerApi.Response chunked = api.send(api.request(FT + "/" + streamed + "/upload", sender)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[4096]))));
        assertProblem(chunked, 400, "BRO-00016");
        assertThat(api.status(sender, streamed)).isEqualTo("Failed");
        UUID fits = api.initializeOk(sender, "it-small-files", "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        assertThat(api.upload(sender, fits, new byte[1024]).status()).isEqualTo(200);
    }

    @Test
    void downloadAndConfirmRules() {
        UUID id = newTransfer(Map.of());
        assertProblem(api.download(recipient, id, null), 403, "BRO-00007");
        assertProblem(api.confirm(recipient, id), 400, "BRO-00003");
        api.upload(sender, id, "data".getBytes(StandardCharsets.UTF_8));
        assertProblem(api.confirm(recipient, id), 400, "BRO-00019");
        api.download(recipient, id, null);
        assertThat(api.confirm(recipient, id).status()).isEqualTo(200);
        assertThat(api.confirm(recipient, id).status()).isEqualTo(200);
        assertThat(api.confirm(recipient, id).body()).isEmpty();

        UUID cancelled = newTransfer(Map.of());
        api.upload(sender, cancelled, "data".getBytes(StandardCharsets.UTF_8));
        api.download(recipient, cancelled, null);
        assertThat(api.delete(FT + "/" + cancelled, sender).status()).isEqualTo(200);
        assertProblem(api.confirm(recipient, cancelled), 400, "BRO-00010");
    }

    @Test
    void resourceConfigurationIsValidatedWithUpstreamCodes() {
        String owner = api.serviceOwnerToken();
        String path = "/broker/api/v1/resource/" + DEMO_RESOURCE;
        assertProblem(api.putJson(path, owner, Map.of("maxFileTransferSize", -1)), 400, "BRO-00011");
        assertProblem(api.putJson(path, owner, Map.of("maxFileTransferSize", 0)), 400, "BRO-00012");
        assertProblem(api.putJson(path, owner, Map.of("maxFileTransferSize", 60L * 1024 * 1024 * 1024)), 400, "BRO-00013");
        assertProblem(api.putJson(path, owner, Map.of("maxFileTransferSize", 200L * 1024 * 1024 * 1024)), 400, "BRO-00022");
        assertProblem(api.putJson(path, owner, Map.of("fileTransferTimeToLive", "30 days")), 400, "BRO-00014");
        assertProblem(api.putJson(path, owner, Map.of("fileTransferTimeToLive", "P366D")), 400, "BRO-00015");
        assertProblem(api.putJson(path, owner, Map.of("purgeFileTransferGracePeriod", "2h")), 400, "BRO-00017");
        assertProblem(api.putJson(path, owner, Map.of("purgeFileTransferGracePeriod", "PT25H")), 400, "BRO-00018");
        assertProblem(api.putJson(path, owner, Map.of("useManifestFileShim", true)), 400, "BRO-00023");
        assertProblem(api.putJson("/broker/api/v1/resource/not-registered", owner, Map.of()), 403, "BRO-00005");
        assertProblem(api.putJson(path, api.token(ORG_A, "altinn:serviceowner"), Map.of()), 401, "BRO-00006");

        BrokerApi.Response before = api.get(path, owner);
        assertThat(api.putJson(path, owner, Map.of("FileTransferTimeToLive", "P30D", "PurgeFileTransferGracePeriod", "PT2H")).status()).isEqualTo(200);
        BrokerApi.Response after = api.get(path, owner);
        assertThat(after.json().get("fileTransferTimeToLive").asText()).isEqualTo("30.00:00:00");
        assertThat(after.json().get("purgeFileTransferGracePeriod").asText()).isEqualTo("02:00:00");
        assertThat(after.json().get("maxFileTransferSize")).isEqualTo(before.json().get("maxFileTransferSize"));
        assertProblem(api.get("/broker/api/v1/resource/never-configured", owner), 400, "BRO-00025");
    }

    @Test
    void serviceOwnerRegistration() {
        String newOwner = api.token("991825828", "altinn:serviceowner");
        assertProblem(api.get("/broker/api/v1/serviceowner", newOwner), 404, "BRO-07004");
        BrokerApi.Response created = api.postJson("/broker/api/v1/serviceowner", newOwner, Map.of("Name", "Another owner"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).isEmpty();
        assertProblem(api.postJson("/broker/api/v1/serviceowner", newOwner, Map.of("name", "Again")), 409, "BRO-07002");
        BrokerApi.Response overview = api.get("/broker/api/v1/serviceowner", newOwner);
        assertThat(overview.json().get("name").asText()).isEqualTo("Another owner");
        assertThat(overview.json().at("/storageProviders/0/deploymentStatus").asText()).isEqualTo("Ready");
    }

    @Test
    void sameIdempotencyKeyGivesTheSameTransfer() {
        Map<String, Object> body = Map.of("fileName", "a.txt", "resourceId", DEMO_RESOURCE, "sender", "0192:" + ORG_A,
                "recipients", List.of("0192:" + ORG_B));
        String key = "night-2026-11-23/a.txt-" + UUID.randomUUID();
        BrokerApi.Response first = api.send(api.request(FT, sender).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"fileName\":\"a.txt\",\"resourceId\":\"formidling-demo\",\"sender\":\"0192:310000001\",\"recipients\":[\"0192:310000002\"]}")));
        BrokerApi.Response again = api.send(api.request(FT, sender).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"fileName\":\"a.txt\",\"resourceId\":\"formidling-demo\",\"sender\":\"0192:310000001\",\"recipients\":[\"0192:310000002\"]}")));
        assertThat(first.status()).isEqualTo(200);
        assertThat(again.json().get("fileTransferId")).isEqualTo(first.json().get("fileTransferId"));
        assertThat(api.postJson(FT, sender, body).json().get("fileTransferId")).isNotEqualTo(first.json().get("fileTransferId"));
    }

    @Test
    void concurrentInitializesWithOneIdempotencyKeyAllGetTheSameTransfer() throws Exception {
        String body = "{\"fileName\":\"a.txt\",\"resourceId\":\"formidling-demo\",\"sender\":\"0192:310000001\",\"recipients\":[\"0192:310000002\"]}";
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            for (int round = 0; round < 3; round++) {
                String key = "retry-on-another-node-" + UUID.randomUUID();
                CyclicBarrier together = new CyclicBarrier(callers);
                List<Future<BrokerApi.Response>> calls = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    calls.add(pool.submit(() -> {
                        together.await();
                        return api.send(api.request(FT, sender).header("Content-Type", "application/json").header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body)));
                    }));
                }
                Set<String> ids = new HashSet<>();
                for (Future<BrokerApi.Response> call : calls) {
                    BrokerApi.Response r = call.get(2, TimeUnit.MINUTES);
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    ids.add(r.json().get("fileTransferId").asText());
                }
                assertThat(ids).as("every caller gets the one transfer").hasSize(1);
                assertThat(db.sql("select count(*) from file_transfer where idempotency_key = ?").param(key).query(Long.class).single())
                        .isEqualTo(1L);
                assertThat(api.status(sender, UUID.fromString(ids.iterator().next()))).isEqualTo("Initialized");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void outOfRangeOrMalformedQueryNumbersAreValidationProblems() {
        String search = FT + "?resourceId=" + DEMO_RESOURCE;
        for (String bad : List.of("status=9007199254740992", "status=8", "status=-1", "status=99999999999999999999999999999",
                "recipientStatus=3", "recipientStatus=2147483648", "status=%20Published%201", "orderAscending=maybe")) {
            BrokerApi.Response r = api.get(search + "&" + bad, sender);
            assertProblem(r, 400, null);
            assertThat(r.json().path("errors").has(bad.substring(0, bad.indexOf('=')))).as(bad).isTrue();
        }
        UUID initialized = newTransfer(Map.of());
        assertThat(api.get(search + "&status=0", sender).body()).as("numbers still bind").contains(initialized.toString());
        assertThat(api.get(search + "&status=initialized", sender).body()).as("names in any case").contains(initialized.toString());
        assertThat(api.get(search + "&status=3", sender).body()).doesNotContain(initialized.toString());
        assertProblem(api.get("/broker/api/v1/statistics/monthly?year=99999999999&month=1", api.serviceOwnerToken()), 400, null);
        assertProblem(api.get("/api/GetEnterpriseToken?orgNo=" + ORG_A + "&ttl=99999999999999999999", null), 400, null);
    }

    @Test
    void oversizeJsonBodiesAreRefused() {
        String huge = "{\"fileName\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(api.postJson(FT, sender, huge), 413, null);
        BrokerApi.Response chunked = api.send(api.request(FT, sender).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));
        assertProblem(chunked, 413, null);
    }

    @Test
    void trailingSlashesAnswerLikeThePathWithout() {
        UUID id = newTransfer(Map.of());
        assertThat(api.get(FT + "/" + id + "/", sender).status()).isEqualTo(200);
        assertThat(api.get(FT + "/?resourceId=" + DEMO_RESOURCE, sender).json().isArray()).isTrue();
    }
}
