package no.formidling.events;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.ProcessDriver;
import no.formidling.testsupport.WebhookReceiver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Subscriptions and webhook delivery end to end: a real receiver on 127.0.0.1, the real server delivering from the
 * outbox on its background workers, with a short retry schedule (3 attempts, 200 ms apart). A resource of its own per test.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "formidling.events.delivery.enabled=true",
        "formidling.events.delivery.poll-interval=PT0.05S",
        "formidling.events.delivery.retry-delays=PT0.2S,PT0.2S"})
abstract class EventDeliveryTestBase {
    static final String ORG_C = "310000003";
    static final String SUBSCRIBE = "altinn:events.subscribe";
    static final Duration WAIT = Duration.ofSeconds(30);
    static WebhookReceiver receiver;
    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient db;
    @Autowired
    EventOutbox outbox;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    BrokerApi api;
    ProcessDriver process;
    String resource;
    String sender;
    String recipient;
    String senderEvents;
    String recipientEvents;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        process = new ProcessDriver(runtime, management);
        // A resource of its own per test: subscriptions of one test never match another's transfers.
        resource = "it-events-" + UUID.randomUUID().toString().substring(0, 8);
        api.createResource(resource, List.of(ORG_A, ORG_B), Map.of("purgeFileTransferGracePeriod", "PT1M"));
        sender = api.token(ORG_A, WRITE_READ);
        recipient = api.token(ORG_B, "altinn:broker.read");
        senderEvents = api.token(ORG_A, SUBSCRIBE);
        recipientEvents = api.token(ORG_B, SUBSCRIBE);
    }

    long subscribe(String token, String endpointName, Map<String, Object> filters) {
        Map<String, Object> body = new HashMap<>(filters);
        body.put("endPoint", receiver.endpoint(endpointName));
        body.put("resourceFilter", "urn:altinn:resource:" + resource);
        BrokerApi.Response r = api.postJson("/events/api/v1/subscriptions/", token, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.header("Location")).endsWith("/events/api/v1/subscriptions/" + id);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(api.get("/events/api/v1/subscriptions/" + id, token).json().get("validated").asBoolean()).isTrue());
        return id;
    }

    UUID publishedTransfer() {
        UUID id = api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        assertThat(api.upload(sender, id, "content".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(api.status(sender, id)).isEqualTo("Published");
        return id;
    }

    static List<String> types(List<WebhookReceiver.Request> requests, UUID transfer) {
        return requests.stream().filter(r -> r.body().path("resourceinstance").asText().equals(transfer.toString()))
                .map(r -> r.type().replace("no.altinn.broker.", "")).toList();
    }

    double counter(String name) {
        return meters.get(name).counter().count();
    }
}
