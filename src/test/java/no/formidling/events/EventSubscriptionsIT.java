package no.formidling.events;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import org.junit.jupiter.api.Test;

/** Who may subscribe, who sees a subscription, and that a deleted one gets nothing more. */
class EventSubscriptionsIT extends EventDeliveryTestBase {
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
