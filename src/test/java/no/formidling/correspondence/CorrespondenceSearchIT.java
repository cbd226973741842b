package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.Test;

/** Search with upstream's parameters and answers, and the Altinn 2 portal's legacy endpoints, archive included. */
class CorrespondenceSearchIT extends CorrespondenceTestBase {

    UUID published(String recipient, Map<String, Object> extra) {
        String resourceId = Boolean.TRUE.equals(extra.get("isConfidential")) ? CONFIDENTIAL_RESOURCE : RESOURCE;
        UUID id = api.initializeOk(owner, request(resourceId, List.of(recipient), extra)).get(0);
        publish(id);
        return id;
    }

    static List<String> ids(BrokerApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().path("ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void searchTakesUpstreamsParametersAndAnswersAsItsHandler() {
        String person = CorrespondenceApi.pid(240588100);
        String token = api.personToken(person, READ);
        String ref = "søk " + UUID.randomUUID();
        String q = BASE + "/correspondence?resourceId=" + RESOURCE + "&sendersReference=" + ref.replace(" ", "%20");
        UUID key = UUID.randomUUID();
        UUID older = published(person, Map.of("sendersReference", ref));
        UUID newer = published(person, Map.of("sendersReference", ref));
        Map<String, Object> withKey = request(RESOURCE, List.of(person), Map.of("sendersReference", "nøkkel"));
        withKey.put("idempotentKey", key.toString());
        UUID keyed = api.initializeOk(owner, withKey).get(0);
        publish(keyed);
        UUID inTwoDays = api.initializeOk(owner, request(RESOURCE, List.of(person),
                Map.of("sendersReference", ref, "requestedPublishTime", OffsetDateTime.now().plusDays(2).toString()))).get(0);
        UUID inFiveDays = api.initializeOk(owner, request(RESOURCE, List.of(person),
                Map.of("sendersReference", ref, "requestedPublishTime", OffsetDateTime.now().plusDays(5).toString()))).get(0);

        // newest publish time first; the recipient never sees what is not published yet, the sender does
        assertThat(ids(api.http().get(q + "&role=Recipient", token))).containsExactly(newer.toString(), older.toString());
        assertThat(ids(api.http().get(q + "&role=sender", owner)))
                .containsExactly(inFiveDays.toString(), inTwoDays.toString(), newer.toString(), older.toString());
        assertThat(ids(api.http().get(q + "&role=2", token))).as("role by number: RecipientAndSender").hasSize(2);
        // from/to bound the requested publish time; status is any status it has had
        String inThreeDays = OffsetDateTime.now().plusDays(3).toString().replace("+", "%2B");
        assertThat(ids(api.http().get(q + "&role=Sender&from=" + inThreeDays, owner))).containsExactly(inFiveDays.toString());
        assertThat(ids(api.http().get(q + "&role=Sender&to=" + inThreeDays, owner)))
                .containsExactly(inTwoDays.toString(), newer.toString(), older.toString());
        assertThat(api.get(token, older, "").status()).isEqualTo(200);
        assertThat(api.post(token, older, "markasread").status()).isEqualTo(200);
        assertThat(ids(api.http().get(q + "&role=Recipient&status=Fetched", token))).as("Read now, Fetched before").containsExactly(older.toString());
        assertThat(ids(api.http().get(q + "&role=Recipient&status=ReadyForPublish", token))).as("never shown to recipients").isEmpty();
        // idempotentKey finds that one whatever the other filters say
        assertThat(ids(api.http().get(q + "&role=Recipient&idempotentKey=" + key, token))).containsExactly(keyed.toString());
        // altinn2CorrespondenceId finds the one migrated from Altinn 2 with that id: none here; the idempotent key goes first
        assertThat(ids(api.http().get(q + "&role=Recipient&altinn2CorrespondenceId=12345", token))).isEmpty();
        assertThat(ids(api.http().get(q + "&role=Sender&altinn2CorrespondenceId=12345", owner))).isEmpty();
        assertThat(ids(api.http().get(q + "&role=Recipient&altinn2CorrespondenceId=12345&idempotentKey=" + key, token)))
                .containsExactly(keyed.toString());
        BrokerApi.Response notANumber = api.http().get(q + "&role=Recipient&altinn2CorrespondenceId=abc", token);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().path("errors").path("altinn2CorrespondenceId").get(0).asText()).isEqualTo("The value 'abc' is not valid.");
        assertThat(api.http().get(q + "&role=Recipient&altinn2CorrespondenceId=99999999999", token).status()).as("beyond int").isEqualTo(400);
        // onBehalfOf: itself in any form is fine, anyone else is no access
        assertThat(ids(api.http().get(q + "&role=Recipient&onBehalfOf=urn:altinn:person:identifier-no:" + person, token))).hasSize(2);
        assertThat(api.http().get(q + "&role=Recipient&onBehalfOf=0192:" + ORG_B, token).code()).isEqualTo("CORR-04001");

        BrokerApi.Response missing = api.http().get(BASE + "/correspondence?role=Recipient", token);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path("resourceId").get(0).asText()).isEqualTo("The resourceId field is required.");
        BrokerApi.Response bad = api.http().get(q + "&role=Mottaker&status=Lest&onBehalfOf=12345678901&from=ig%C3%A5r", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").fieldNames()).toIterable().containsExactlyInAnyOrder("role", "status", "onBehalfOf", "from");
        assertThat(bad.json().path("errors").path("onBehalfOf").get(0).asText()).isEqualTo("The given OnBehalfOf national identity number is not valid");
        assertThat(api.http().get(BASE + "/correspondence?resourceId=finnes-ikke&role=Recipient", token).code()).isEqualTo("CORR-04001");
    }

    @Test
    void thePortalsLegacyEndpointsListReadConfirmAndArchive() {
        String orgB = api.orgToken(ORG_B, READ);
        String title = "Årsoppgave " + UUID.randomUUID();
        Map<String, Object> extra = Map.of("isConfirmationNeeded", true, "dueDateTime", OffsetDateTime.now().plusDays(9).toString(),
                "messageSender", "Skatteetaten");
        Map<String, Object> body = request(RESOURCE, List.of("0192:" + ORG_B), extra);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) body.get("correspondence")).get("content");
        content.put("messageTitle", title);
        UUID id = api.initializeOk(owner, body).get(0);
        publish(id);
        String legacy = BASE + "/legacy/correspondence";
        Map<String, Object> active = Map.of("instanceOwnerPartyIdList", List.of(), "includeActive", true, "searchString", title);
        Map<String, Object> archived = Map.of("instanceOwnerPartyIdList", List.of(), "includeArchived", true, "searchString", title);

        JsonNode items = api.http().postJson(legacy, orgB, active).json().path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("correspondenceId").asText()).isEqualTo(id.toString());
        assertThat(items.get(0).path("messageSender").asText()).isEqualTo("Skatteetaten");
        assertThat(items.get(0).path("isConfirmationNeeded").asBoolean()).isTrue();
        assertThat(api.http().postJson(legacy, orgB, Map.of("includeActive", true)).json().path("errors").has("instanceOwnerPartyIdList")).isTrue();
        assertThat(api.http().postJson(legacy, orgB, Map.of("instanceOwnerPartyIdList", List.of(), "from", "2999-01-01T00:00:00Z"))
                .json().path("errors").path("from").get(0).asText()).isEqualTo("From date cannot be in the future");

        assertThat(api.http().post(legacy + "/" + id + "/markasread", orgB).code()).isEqualTo("CORR-01024");
        JsonNode overview = api.http().get(legacy + "/" + id + "/overview", orgB).json();
        assertThat(overview.path("messageTitle").asText()).isEqualTo(title);
        assertThat(overview.path("allowDelete").asBoolean()).as("not confirmed yet").isFalse();
        assertThat(api.http().post(legacy + "/" + id + "/archive", orgB).code()).as("archive before the required confirmation").isEqualTo("CORR-01026");
        assertThat(api.http().post(legacy + "/" + id + "/markasread", orgB).status()).isEqualTo(200);
        assertThat(api.http().post(legacy + "/" + id + "/markasread", orgB).status()).as("again: nothing changes").isEqualTo(200);
        assertThat(api.http().post(legacy + "/" + id + "/confirm", orgB).status()).isEqualTo(200);
        assertThat(api.http().post(legacy + "/" + id + "/archive", orgB).status()).isEqualTo(200);
        assertThat(api.status(owner, id)).isEqualTo("Archived");
        assertThat(events(id, "CorrespondenceArchived")).isEqualTo(1);
        assertThat(events(id, "CorrespondenceReceiverRead")).isEqualTo(1);

        assertThat(api.http().postJson(legacy, orgB, active).json().path("items")).as("no longer active").isEmpty();
        JsonNode archivedItems = api.http().postJson(legacy, orgB, archived).json().path("items");
        assertThat(archivedItems).hasSize(1);
        assertThat(archivedItems.get(0).path("archived").asText()).isNotEmpty();
        assertThat(archivedItems.get(0).path("confirmationDate").asText()).isNotEmpty();
        List<String> history = new ArrayList<>();
        api.http().get(legacy + "/" + id + "/history", orgB).json().forEach(h -> history.add(h.path("status").asText() + " by " + h.path("user").path("name").asText()));
        BrokerApi.Response registered = api.http().get("/register/api/v1/parties/0192:" + ORG_B, owner);
        String recipientName = registered.status() == 200 ? registered.json().path("name").asText() : ORG_B;
        assertThat(history).contains("Published by Skatteetaten", "Read by " + recipientName, "Confirmed by " + recipientName,
                "Archived by " + recipientName);

        assertThat(api.http().delete(legacy + "/" + id + "/purge", orgB).status()).isEqualTo(200);
        assertThat(api.status(owner, id)).isEqualTo("PurgedByRecipient");
        assertThat(api.http().postJson(legacy, orgB, archived).json().path("items")).as("purged ones are gone").isEmpty();
    }

    @Test
    void confidentialRemindersListWhatIsUnreadUntilItIsRead() {
        String person = CorrespondenceApi.pid(171266300);
        String token = api.personToken(person, READ);
        String reminders = BASE + "/confidential-reminders?languageCode=en";
        assertThat(api.http().get(reminders, token).code()).isEqualTo("CORR-01062");
        UUID id = published(person, Map.of("isConfidential", true, "messageSender", "Skatteetaten"));
        published(person, Map.of());

        BrokerApi.Response text = api.http().get(reminders, token);
        assertThat(text.status()).isEqualTo(200);
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Oslo")).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        assertThat(text.body()).startsWith("Below is an overview")
                .contains("1. Correspondence from sender Skatteetaten dated " + today + ", this requires access to the service: Taushetsbelagt tilskudd")
                .doesNotContain("2. ");
        assertThat(api.http().get(BASE + "/confidential-reminders", token).body()).contains("1. Melding fra avsender Skatteetaten");

        assertThat(api.get(token, id, "/content").status()).isEqualTo(200);
        assertThat(api.http().get(reminders, token).code()).as("read now").isEqualTo("CORR-01062");
    }
}
