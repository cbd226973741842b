package no.formidling.events;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.broker.FileTransferStatusService;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** What a subscriber receives: the whole lifecycle in order, narrowed by its filters, and nothing for a rolled-back change. */
class EventDeliveryIT extends EventDeliveryTestBase {
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
}
