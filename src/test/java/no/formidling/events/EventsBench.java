package no.formidling.events;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.formidling.broker.FileTransferStatusService;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark, not a test (run with -Dit.test=EventsBench): events delivered per second to one local receiver, from
 * outbox rows to accepted POSTs, against the same receiver taking the same CloudEvent bodies POSTed straight by as many
 * client threads as the server has delivery workers, in the same run. Count: -Dbench.events (default 3000).
 */
@IntegrationTest
@TestPropertySource(properties = {"formidling.events.delivery.enabled=true", "formidling.events.delivery.poll-interval=PT0.05S"})
class EventsBench {
    @LocalServerPort
    int port;
    @Autowired
    EventOutbox outbox;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CloudEventMessages messages;
    @Autowired
    DeliveryQueue queue;
    @Autowired
    EventProperties props;

    @Test
    void eventsPerSecondToOneReceiver() throws Exception {
        int count = Integer.getInteger("bench.events", 3000);
        String resource = "bench-events-" + UUID.randomUUID().toString().substring(0, 8);
        BrokerApi api = new BrokerApi(port);
        api.createResource(resource, List.of(ORG_A, ORG_B), Map.of());
        String subject = "urn:altinn:organization:identifier-no:" + ORG_A;
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String token = api.token(ORG_A, "altinn:events.subscribe");
            long id = api.postJson("/events/api/v1/subscriptions", token, Map.of("endPoint", receiver.endpoint("bench"),
                    "resourceFilter", "urn:altinn:resource:" + resource)).json().get("id").asLong();
            await().atMost(Duration.ofMinutes(1)).until(() -> api.get("/events/api/v1/subscriptions/" + id, token).json().path("validated").asBoolean());

            for (String shape : List.of("one transfer each", "all of one transfer (ordered, one at a time)")) {
                boolean oneTransfer = shape.startsWith("all");
                int n = oneTransfer ? Math.max(1, count / 5) : count;
                UUID single = UUID.randomUUID();
                int before = receiver.accepted("bench").size();
                long start = System.nanoTime();
                new TransactionTemplate(transactions).executeWithoutResult(s -> {
                    for (int i = 0; i < n; i++) {
                        outbox.append(FileTransferStatusService.EVENTS, "Published", resource, oneTransfer ? single : UUID.randomUUID(), subject, Map.of("Role", "Sender"));
                    }
                });
                double written = (System.nanoTime() - start) / 1e9;
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> receiver.accepted("bench").size() >= before + n);
                double total = (System.nanoTime() - start) / 1e9;
                System.out.printf("BENCH events (%s): %d events, outbox written in %.2f s, all accepted after %.2f s: %.0f events/s (%d workers)%n",
                        shape, n, written, total, n / total, props.workers());
            }

            // Baseline: the same bodies POSTed straight to the same receiver, as many client threads as workers.
            byte[] body = messages.of(new DeliveryQueue.OutboxEvent(UUID.randomUUID(), "no.altinn.broker.published",
                    "http://localhost/broker/api/v1/filetransfer", "urn:altinn:resource:" + resource, UUID.randomUUID().toString(), subject,
                    "{\"Role\":\"Sender\"}", java.time.Instant.now()));
            HttpClient http = HttpClient.newHttpClient();
            int threads = props.workers();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            int perThread = count / threads;
            long start = System.nanoTime();
            List<Future<Integer>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        HttpRequest r = HttpRequest.newBuilder(URI.create(receiver.endpoint("raw"))).header("Content-Type", "application/cloudevents+json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> f : done) {
                ok += f.get();
            }
            double raw = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            assertThat(ok).isEqualTo(perThread * threads);
            System.out.printf("BENCH events baseline: %d direct POSTs of the same body by %d threads in %.2f s: %.0f requests/s%n",
                    ok, threads, raw, ok / raw);
            assertThat(queue.pending()).isZero();
        }
    }
}
