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
import org.junit.jupiter.api.Test;

/** The rules of a transfer's life: upload, size limit, download and confirm, and idempotent initialize. */
class BrokerTransferRulesIT extends BrokerRulesTestBase {
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
}
