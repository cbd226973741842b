package no.formidling.events;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.broker.FileTransferStatusService;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.ProcessDriver;
import no.formidling.testsupport.WebhookReceiver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subscriptions and webhook delivery end to end: a real receiver on 127.0.0.1, the real server delivering from the
 * outbox on its background workers, with a short retry schedule (3 attempts, 200 ms apart).
 */
@IntegrationTest
@TestPropertySource(properties = {
        "formidling.events.delivery.enabled=true",
        "formidling.events.delivery.poll-interval=PT0.05S",
        "formidling.events.delivery.retry-delays=PT0.2S,PT0.2S"})
class EventDeliveryIT {
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

    @Test
    void senderAndRecipientReceiveTheWholeLifecycleInOrder() {
        subscribe(senderEvents, "lifecycle-sender", Map.of());
        subscribe(recipientEvents, "lifecycle-recipient", Map.of());
        List<WebhookReceiver.Request> validations = receiver.all("lifecycle-sender");
        assertThat(validations).hasSize(1);
        assertThat(validations.get(0).type()).isEqualTo("platform.events.validatesubscription");
        assertThat(validations.get(0).body().path("source").asText()).contains("/events/api/v1/subscriptions/");

        UUID id = publishedTransfer();
        api.download(recipient, id, null);
        assertThat(api.confirm(recipient, id).status()).isEqualTo(200);
        process.execute(id, "Event_GracePeriodOver");
        process.execute(id, "Task_PurgeFileTransfer");
        assertThat(api.status(sender, id)).isEqualTo("Purged");

        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("lifecycle-sender"), id)).containsExactly(
                "filetransferinitialized", "uploadprocessing", "published", "downloadconfirmed", "allconfirmeddownloaded", "filepurged"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("lifecycle-recipient"), id))
                .containsExactly("published", "downloadconfirmed"));

        WebhookReceiver.Request published = receiver.accepted("lifecycle-recipient").get(0);
        assertThat(published.contentType()).startsWith("application/cloudevents+json");
        JsonNode e = published.body();
        assertThat(e.path("specversion").asText()).isEqualTo("1.0");
        assertThat(e.path("type").asText()).isEqualTo("no.altinn.broker.published");
        assertThat(e.path("source").asText()).endsWith("/broker/api/v1/filetransfer");
        assertThat(e.path("resource").asText()).isEqualTo("urn:altinn:resource:" + resource);
        assertThat(e.path("resourceinstance").asText()).isEqualTo(id.toString());
        assertThat(e.path("subject").asText()).isEqualTo("urn:altinn:organization:identifier-no:" + ORG_B);
        assertThat(e.path("alternativesubject").asText()).isEqualTo("/organisation/" + ORG_B);
        assertThat(e.path("data").path("Role").asText()).isEqualTo("Recipient");
        assertThat(UUID.fromString(e.path("id").asText())).isNotNull();
        assertThat(e.path("time").asText()).isNotEmpty();
        assertThat(receiver.accepted("lifecycle-sender")).allSatisfy(r -> {
            assertThat(r.body().path("subject").asText()).isEqualTo("urn:altinn:organization:identifier-no:" + ORG_A);
            assertThat(r.body().path("data").path("Role").asText()).isEqualTo("Sender");
        });
    }

    @Test
    void typeAndSubjectFiltersNarrowWhatIsDelivered() {
        subscribe(recipientEvents, "filter-type", Map.of("typeFilter", "no.altinn.broker.downloadconfirmed"));
        subscribe(senderEvents, "filter-subject", Map.of("subjectFilter", "urn:altinn:organization:identifier-no:" + ORG_A,
                "typeFilter", "no.altinn.broker.filetransferinitialized"));
        BrokerApi.Response otherSubject = api.postJson("/events/api/v1/subscriptions", senderEvents, Map.of(
                "endPoint", receiver.endpoint("filter-other"), "resourceFilter", "urn:altinn:resource:" + resource,
                "subjectFilter", "0192:" + ORG_B));
        assertThat(otherSubject.status()).as("events about another party are not the sender's to see").isEqualTo(403);
        assertThat(otherSubject.header("Content-Type")).startsWith("application/problem+json");

        UUID id = publishedTransfer();
        api.download(recipient, id, null);
        api.confirm(recipient, id);
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("filter-type"), id)).containsExactly("downloadconfirmed"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("filter-subject"), id)).containsExactly("filetransferinitialized"));
        UUID later = publishedTransfer();
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("filter-subject"), later)).containsExactly("filetransferinitialized"));
        assertThat(types(receiver.accepted("filter-type"), later)).as("nothing confirmed on the second transfer").isEmpty();
    }

    @Test
    void aReceiverAnswering503TwiceGetsEachEventOnceItRecovers() {
        subscribe(senderEvents, "flaky", Map.of("typeFilter", "no.altinn.broker.filetransferinitialized"));
        receiver.script("flaky", 503, 503);
        double retriedBefore = counter("formidling.events.retried");
        double deliveredBefore = counter("formidling.events.delivered");
        UUID id = api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("flaky"), id)).containsExactly("filetransferinitialized"));
        List<WebhookReceiver.Request> attempts = receiver.all("flaky").stream()
                .filter(r -> r.body().path("resourceinstance").asText().equals(id.toString())).toList();
        assertThat(attempts).extracting(WebhookReceiver.Request::answered).containsExactly(503, 503, 200);
        assertThat(attempts).extracting(WebhookReceiver.Request::id).as("the same event each time").containsOnly(attempts.get(0).id());
        assertThat(counter("formidling.events.retried")).isGreaterThanOrEqualTo(retriedBefore + 2);
        assertThat(counter("formidling.events.delivered")).isGreaterThanOrEqualTo(deliveredBefore + 1);
        assertThat(meters.get("formidling.events.delivery.lag").timer().count()).isPositive();
    }

    double counter(String name) {
        return meters.get(name).counter().count();
    }

    @Test
    void aReceiverThatNeverRecoversEndsInTheDeadLetterListAndCanBeRedriven() {
        subscribe(senderEvents, "down", Map.of("typeFilter", "no.altinn.broker.filetransferinitialized"));
        receiver.answer("down", 500);
        double deadBefore = counter("formidling.events.dead.lettered");
        UUID id = api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        String admin = api.token(OWNER, "altinn:broker.maintenance");
        await().atMost(WAIT).until(() -> deadLetterFor(admin, id) != null);
        JsonNode dead = deadLetterFor(admin, id);
        assertThat(dead.path("attempts").asInt()).as("all three attempts used").isEqualTo(3);
        assertThat(dead.path("lastError").asText()).isEqualTo("HTTP 500");
        assertThat(counter("formidling.events.dead.lettered")).isGreaterThanOrEqualTo(deadBefore + 1);
        assertThat(dead.path("type").asText()).isEqualTo("no.altinn.broker.filetransferinitialized");
        assertThat(receiver.all("down").stream().filter(r -> r.body().path("resourceinstance").asText().equals(id.toString()))).hasSize(3);
        assertThat(api.get("/api/admin/events/deliveries?state=dead", senderEvents).status()).as("operators only").isEqualTo(403);

        receiver.answer("down", 200);
        BrokerApi.Response redrive = api.post("/api/admin/events/deliveries/" + dead.path("id").asLong() + "/redrive", admin);
        assertThat(redrive.status()).as(redrive.body()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("down"), id)).containsExactly("filetransferinitialized"));
        assertThat(deadLetterFor(admin, id)).isNull();
        assertThat(api.post("/api/admin/events/deliveries/" + dead.path("id").asLong() + "/redrive", admin).status())
                .as("no longer dead").isEqualTo(404);
    }

    JsonNode deadLetterFor(String admin, UUID transfer) {
        BrokerApi.Response r = api.get("/api/admin/events/deliveries?state=dead&limit=1000", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (JsonNode d : r.json()) {
            if (d.path("resourceInstance").asText().equals(transfer.toString())) {
                return d;
            }
        }
        return null;
    }

    @Test
    void aRolledBackChangeSendsNothing() {
        subscribe(senderEvents, "rollback", Map.of());
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            outbox.append(FileTransferStatusService.EVENTS, "FileTransferInitialized", resource, rolledBack, "urn:altinn:organization:identifier-no:" + ORG_A, Map.of("Role", "Sender"));
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(status ->
                outbox.append(FileTransferStatusService.EVENTS, "FileTransferInitialized", resource, committed, "urn:altinn:organization:identifier-no:" + ORG_A, Map.of("Role", "Sender")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("rollback"), committed)).containsExactly("filetransferinitialized"));
        assertThat(types(receiver.all("rollback"), rolledBack)).isEmpty();
        assertThat(db.sql("select count(*) from outbox_event where resource_instance = ?").param(rolledBack.toString()).query(Long.class).single()).isZero();
    }

    @Test
    void aDeletedSubscriptionGetsNoMoreDeliveries() {
        long gone = subscribe(senderEvents, "deleted", Map.of("typeFilter", "no.altinn.broker.filetransferinitialized"));
        subscribe(senderEvents, "still-there", Map.of("typeFilter", "no.altinn.broker.filetransferinitialized"));
        UUID first = api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("deleted"), first)).hasSize(1));

        assertThat(api.delete("/events/api/v1/subscriptions/" + gone, recipientEvents).status()).as("not the owner").isEqualTo(403);
        assertThat(api.delete("/events/api/v1/subscriptions/" + gone, senderEvents).status()).isEqualTo(200);
        assertThat(api.get("/events/api/v1/subscriptions/" + gone, senderEvents).status()).isEqualTo(404);
        UUID second = api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        await().atMost(WAIT).untilAsserted(() -> assertThat(types(receiver.accepted("still-there"), second)).hasSize(1));
        assertThat(db.sql("select count(*) from event_delivery where subscription_id = ?").param(gone).query(Long.class).single())
                .as("no delivery can exist for a deleted subscription").isZero();
        assertThat(db.sql("select count(*) from outbox_event where resource_instance = ? and routed is null").param(second.toString())
                .query(Long.class).single()).as("the event was routed while only the other subscription existed").isZero();
        assertThat(types(receiver.all("deleted"), second)).isEmpty();
    }

    @Test
    void onlyPartiesToTheResourceMaySubscribeAndOnlyTheOwnerSeesASubscription() {
        String outsider = api.token(ORG_C, SUBSCRIBE);
        Map<String, Object> body = Map.of("endPoint", receiver.endpoint("outsider"), "resourceFilter", "urn:altinn:resource:" + resource);
        BrokerApi.Response refused = api.postJson("/events/api/v1/subscriptions", outsider, body);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.postJson("/events/api/v1/subscriptions", sender, body).status()).as("without the events scope").isEqualTo(403);
        assertThat(api.postJson("/events/api/v1/subscriptions", null, body).status()).isEqualTo(401);
        assertThat(api.postJson("/events/api/v1/subscriptions", senderEvents, Map.of("endPoint", receiver.endpoint("x"),
                "resourceFilter", "urn:altinn:resource:no-such-resource")).status()).isEqualTo(403);

        BrokerApi.Response relative = api.postJson("/events/api/v1/subscriptions", senderEvents,
                Map.of("endPoint", "/hook", "resourceFilter", "urn:altinn:resource:" + resource));
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.header("Content-Type")).startsWith("application/problem+json");
        assertThat(relative.json().path("errors").has("endPoint")).isTrue();
        assertThat(api.postJson("/events/api/v1/subscriptions", senderEvents,
                Map.of("endPoint", "ftp://example.org/hook", "resourceFilter", "urn:altinn:resource:" + resource)).status()).isEqualTo(400);
        assertThat(api.postJson("/events/api/v1/subscriptions", senderEvents, Map.of("endPoint", receiver.endpoint("x"))).status())
                .as("resource filter required").isEqualTo(400);
        assertThat(api.postJson("/events/api/v1/subscriptions", senderEvents, "{not json").status()).isEqualTo(400);

        long mine = subscribe(senderEvents, "owned", Map.of());
        assertThat(api.get("/events/api/v1/subscriptions/" + mine, recipientEvents).status()).isEqualTo(403);
        JsonNode own = api.get("/events/api/v1/subscriptions", senderEvents).json();
        assertThat(own.path("subscriptions").findValuesAsText("id")).contains(String.valueOf(mine));
        assertThat(own.path("subscriptions")).allSatisfy(s -> assertThat(s.path("createdBy").asText()).isEqualTo("/organisation/" + ORG_A));
        JsonNode theirs = api.get("/events/api/v1/subscriptions/", recipientEvents).json();
        assertThat(theirs.path("subscriptions").findValuesAsText("id")).doesNotContain(String.valueOf(mine));
        JsonNode one = api.get("/events/api/v1/subscriptions/" + mine, senderEvents).json();
        assertThat(one.path("endPoint").asText()).isEqualTo(receiver.endpoint("owned"));
        assertThat(one.path("resourceFilter").asText()).isEqualTo("urn:altinn:resource:" + resource);
        assertThat(one.path("consumer").asText()).isEqualTo("/organisation/" + ORG_A);
    }
}
