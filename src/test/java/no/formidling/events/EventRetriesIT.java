package no.formidling.events;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.WebhookReceiver;
import org.junit.jupiter.api.Test;

/** A receiver that fails: retried until it recovers, or dead-lettered for an operator to redrive. */
class EventRetriesIT extends EventDeliveryTestBase {
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
}
