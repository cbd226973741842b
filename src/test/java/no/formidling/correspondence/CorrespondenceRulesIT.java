package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.Test;

/** The spec's checklist rules for initialize and the recipient actions, each answered with upstream's code. */
class CorrespondenceRulesIT extends CorrespondenceTestBase {

    BrokerApi.Response init(Map<String, Object> correspondenceExtra) {
        return api.initialize(owner, request(RESOURCE, List.of("0192:" + ORG_B), correspondenceExtra));
    }

    static Map<String, Object> content(String title, String body) {
        Map<String, Object> content = new HashMap<>();
        content.put("language", "nb");
        content.put("messageTitle", title);
        content.put("messageBody", body);
        return Map.of("content", content);
    }

    static int errorCode(BrokerApi.Response r) {
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        return r.json().path("errorCode").asInt();
    }

    @Test
    void missingRequiredFieldsAreValidationErrors() {
        Map<String, Object> body = request(RESOURCE, List.of("0192:" + ORG_B), Map.of());
        @SuppressWarnings("unchecked") Map<String, Object> correspondence = (Map<String, Object>) body.get("correspondence");
        correspondence.remove("sendersReference");
        correspondence.remove("resourceId");
        BrokerApi.Response r = api.initialize(owner, body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").has("correspondence.sendersReference")).as(r.body()).isTrue();
        assertThat(r.json().path("errors").has("correspondence.resourceId")).isTrue();
        Map<String, Object> noTitle = new HashMap<>(content(null, "body"));
        assertThat(init(noTitle).status()).isEqualTo(400);
        assertThat(init(content("Title", null)).status()).isEqualTo(400);
    }

    /** The rules themselves are pinned in CorrespondenceContentRulesTest; one refusal shows initialize applies them. */
    @Test
    void contentRules() {
        assertThat(errorCode(init(content("x".repeat(256), "body")))).isEqualTo(1037);
        BrokerApi.Response ok = init(Map.of("replyOptions", List.of(Map.of("linkURL", "https://example.no/reply", "linkText", "Svar"))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void recipientAttachmentAndResourceRules() {
        BrokerApi.Response duplicate = api.initialize(owner, request(RESOURCE,
                List.of("0192:" + ORG_B, "urn:altinn:organization:identifier-no:" + ORG_B), Map.of()));
        assertThat(errorCode(duplicate)).isEqualTo(1006);
        Map<String, Object> tooMany = request(RESOURCE, List.of("0192:" + ORG_B), Map.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        tooMany.put("existingAttachments", ids);
        assertThat(errorCode(api.initialize(owner, tooMany))).isEqualTo(1038);
        assertThat(errorCode(api.initialize(owner, request("no-such-resource", List.of("0192:" + ORG_B), Map.of())))).isEqualTo(1036);
        BrokerApi.Response badPerson = api.initialize(owner, request(RESOURCE, List.of("12345678901"), Map.of()));
        assertThat(badPerson.status()).as("mod-11 fails").isEqualTo(400);
        assertThat(badPerson.json().path("errors").has("recipients")).isTrue();
    }

    /** The rules themselves are pinned in CorrespondenceRulesTest; here the answer as a client reads it. */
    @Test
    void customRecipientAndTemplateRulesAnswerUpstreamsCodes() {
        Map<String, Object> custom = Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                "emailSubject", "Til $recipientName$", "emailBody", "B", "customRecipients", List.of(Map.of("emailAddress", "kopi@example.no")));
        BrokerApi.Response keyword = init(Map.of("notification", custom));
        assertThat(keyword.status()).isEqualTo(400);
        assertThat(errorCode(keyword)).isEqualTo(3015);
        assertThat(keyword.json().path("detail").asText()).isEqualTo(
                "Recipient overrides with email or mobile number are not allowed when using notification recipient name because of name lookup");
        Map<String, Object> generic = Map.of("notificationTemplate", "GenericAltinnMessage",
                "customRecipients", List.of(Map.of("emailAddress", "kopi@example.no")));
        assertThat(errorCode(api.initialize(owner, request(RESOURCE, List.of("0192:" + ORG_A, "0192:" + ORG_B),
                Map.of("notification", generic))))).as("counts the request's recipients").isEqualTo(3017);
        BrokerApi.Response template = init(Map.of("notification", Map.of("notificationTemplate", 5, "notificationChannel", "Email")));
        assertThat(template.status()).isEqualTo(400);
        assertThat(errorCode(template)).isEqualTo(3023);
        assertThat(template.json().path("detail").asText()).isEqualTo("Invalid notification template");
        BrokerApi.Response byNumber = init(Map.of("notification", Map.of("notificationTemplate", 1, "customRecipients",
                List.of(Map.of("organizationNumber", ORG_A)), "overrideRegisteredContactInformation", true)));
        assertThat(byNumber.status()).as(byNumber.body()).isEqualTo(200);
    }

    @Test
    void aTemplateNumberNamingNoTemplateIs3023InTheMultipartFormToo() {
        var form = new CorrespondenceAttachmentsIT.Multipart()
                .field("correspondence.resourceid", RESOURCE)
                .field("correspondence.sendersreference", "multipart-" + UUID.randomUUID())
                .field("correspondence.content.language", "nb")
                .field("correspondence.content.messagetitle", "Tittel")
                .field("correspondence.content.messagebody", "Tekst")
                .field("correspondence.notification.notificationtemplate", "9")
                .field("correspondence.notification.notificationchannel", "Email")
                .field("recipients[0]", "0192:" + ORG_B);
        BrokerApi.Response r = api.http().send(api.http().request(no.formidling.testsupport.CorrespondenceApi.BASE + "/correspondence/upload", owner)
                .header("Content-Type", form.contentType()).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo(3023);
    }

    @Test
    void idempotentKeyGivesOneCorrespondenceEvenUnderConcurrentDuplicates() throws Exception {
        UUID key = UUID.randomUUID();
        Map<String, Object> two = request(RESOURCE, List.of("0192:" + ORG_A, "0192:" + ORG_B), Map.of());
        two.put("idempotentKey", key.toString());
        assertThat(errorCode(api.initialize(owner, two))).isEqualTo(1047);

        Map<String, Object> one = request(RESOURCE, List.of("0192:" + ORG_B), Map.of());
        one.put("idempotentKey", key.toString());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<BrokerApi.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> api.initialize(owner, one));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<BrokerApi.Response> f : pool.invokeAll(calls)) {
                BrokerApi.Response r = f.get();
                statuses.add(r.status());
                if (r.status() != 200) {
                    assertThat(r.code()).isEqualTo("CORR-01034");
                }
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(db.sql("select count(*) from correspondence where idempotent_key = ?").param(key).query(Long.class).single()).isEqualTo(1);
        JsonNode found = api.http().get(CorrespondenceApi.BASE + "/correspondence?role=Sender&resourceId=" + RESOURCE + "&idempotentKey=" + key, owner).json();
        assertThat(found.path("ids")).hasSize(1);
    }

    @Test
    void reservedPersonsAreNotDeliveredUnlessReservationIsIgnored() {
        String reserved = CorrespondenceApi.pid(240480200);
        api.party(reserved, "Reservert Person", "r@example.no", null, true);
        BrokerApi.Response single = api.initialize(owner, request(RESOURCE, List.of(reserved), Map.of()));
        assertThat(single.status()).isEqualTo(422);
        assertThat(single.code()).isEqualTo("CORR-01030");

        JsonNode both = api.initialize(owner, request(RESOURCE, List.of(reserved, "0192:" + ORG_B), Map.of())).json().path("correspondences");
        assertThat(both.get(0).path("status").asText()).isEqualTo("Reserved");
        assertThat(both.get(1).path("status").asText()).isEqualTo("ReadyForPublish");
        UUID reservedId = UUID.fromString(both.get(0).path("correspondenceId").asText());
        assertThat(events(reservedId, "CorrespondenceReceiverReserved")).isEqualTo(1);
        assertThat(process.instance(reservedId)).as("nothing to deliver").isNull();

        UUID ignored = api.initializeOk(owner, request(RESOURCE, List.of(reserved), Map.of("ignoreReservation", true))).get(0);
        process.execute(ignored, "Task_ScanAttachments");
        assertThat(api.status(owner, ignored)).isEqualTo("Published");

        String later = CorrespondenceApi.pid(240480300);
        UUID laterId = api.initializeOk(owner, request(RESOURCE, List.of(later), Map.of())).get(0);
        api.party(later, "Reserverer Seg Senere", null, null, true);
        process.execute(laterId, "Task_ScanAttachments");
        assertThat(api.status(owner, laterId)).as("reservation checked at publish").isEqualTo("Reserved");
        assertThat(process.instance(laterId)).isNull();
    }

    @Test
    void requestedPublishTimeInTheFutureWaitsForItsTimer() {
        OffsetDateTime at = OffsetDateTime.now().plusDays(3).withNano(0);
        UUID id = api.initializeOk(owner, request(RESOURCE, List.of("0192:" + ORG_B), Map.of("requestedPublishTime", at.toString()))).get(0);
        process.execute(id, "Task_ScanAttachments");
        assertThat(process.waitingAt(id)).containsExactly("Event_PublishTimeReached");
        assertThat(process.jobs(id).get(0).getDuedate().toInstant()).isEqualTo(at.toInstant());
        assertThat(api.status(owner, id)).isEqualTo("ReadyForPublish");
        assertThat(api.get(api.orgToken(ORG_B, READ), id, "").status()).isEqualTo(404);
        process.execute(id, "Event_PublishTimeReached");
        assertThat(api.status(owner, id)).isEqualTo("Published");
    }
}
