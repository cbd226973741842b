package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.Test;

/** Who may do what: sender, recipient organisation, recipient person, outsiders; purge rules; search visibility. */
class CorrespondenceAccessIT extends CorrespondenceTestBase {

    UUID published(String recipient, Map<String, Object> extra) {
        UUID id = api.initializeOk(owner, request(RESOURCE, List.of(recipient), extra)).get(0);
        process.execute(id, "Task_ScanAttachments");
        return id;
    }

    @Test
    void outsidersNeverSeeOrChangeACorrespondence() {
        String person = CorrespondenceApi.pid(311270400);
        String otherPerson = CorrespondenceApi.pid(311270500);
        UUID toPerson = published(person, Map.of());
        UUID toOrg = published("0192:" + ORG_B, Map.of());
        String otherOrgToken = api.orgToken(ORG_A, READ + " altinn:correspondence.write");
        String otherPersonToken = api.personToken(otherPerson, READ);
        String orgBToken = api.orgToken(ORG_B, READ);
        for (String token : List.of(otherOrgToken, otherPersonToken)) {
            for (String suffix : List.of("", "/details", "/content")) {
                BrokerApi.Response r = api.get(token, toPerson, suffix);
                assertThat(r.status()).as(suffix).isEqualTo(401);
                assertThat(r.code()).isEqualTo("CORR-04001");
            }
            assertThat(api.post(token, toPerson, "markasread").status()).isEqualTo(401);
            assertThat(api.post(token, toPerson, "confirm").status()).isEqualTo(401);
            assertThat(api.purge(token, toPerson).status()).isEqualTo(401);
        }
        assertThat(api.get(orgBToken, toPerson, "").status()).as("an organisation is not the person").isEqualTo(401);
        assertThat(api.get(api.personToken(person, READ), toOrg, "").status()).as("a person is not the organisation").isEqualTo(401);
        assertThat(api.status(owner, toPerson)).as("nobody fetched it").isEqualTo("Published");

        // the sender (service owner) sees both but is not a recipient: content needs the read scope
        assertThat(api.get(owner, toOrg, "").status()).isEqualTo(200);
        assertThat(api.get(owner, toOrg, "/content").status()).isEqualTo(403);
        assertThat(api.status(owner, toOrg)).as("the sender's look is no fetch").isEqualTo("Published");
        // the recipient organisation reads the content: Fetched and Read
        BrokerApi.Response content = api.get(orgBToken, toOrg, "/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body()).contains("Du har fått **tilskudd**");
        assertThat(api.status(owner, toOrg)).isEqualTo("Read");
        // scopes: a reader cannot send, no token is 401, a malformed id is a 400 problem
        assertThat(api.initialize(orgBToken, request(RESOURCE, List.of("0192:" + ORG_A), Map.of())).status()).isEqualTo(403);
        assertThat(api.get(null, toOrg, "").status()).isEqualTo(401);
        BrokerApi.Response malformed = api.http().get(CorrespondenceApi.BASE + "/correspondence/not-a-guid", orgBToken);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get(orgBToken, UUID.randomUUID(), "").code()).isEqualTo("CORR-01001");
    }

    @Test
    void purgeRules() {
        UUID unpublished = api.initializeOk(owner, request(RESOURCE, List.of("0192:" + ORG_B), Map.of())).get(0);
        assertThat(api.purge(owner, unpublished).status()).isEqualTo(200);
        assertThat(api.status(owner, unpublished)).isEqualTo("PurgedByAltinn");
        assertThat(api.purge(owner, unpublished).json().path("errorCode").asInt()).isEqualTo(1014);
        process.execute(unpublished, "Task_ScanAttachments");
        assertThat(api.status(owner, unpublished)).as("a purged correspondence is never published").isEqualTo("PurgedByAltinn");

        String orgB = api.orgToken(ORG_B, READ);
        UUID confirmable = published("0192:" + ORG_B, Map.of("isConfirmationNeeded", true, "dueDateTime", OffsetDateTime.now().plusDays(9).toString()));
        assertThat(api.purge(owner, confirmable).json().path("errorCode").asInt()).isEqualTo(1013);
        assertThat(api.post(orgB, confirmable, "confirm").json().path("errorCode").asInt()).isEqualTo(1025);
        api.get(orgB, confirmable, "");
        assertThat(api.purge(orgB, confirmable).json().path("errorCode").asInt()).isEqualTo(1026);
        assertThat(api.post(orgB, confirmable, "confirm").status()).isEqualTo(200);
        assertThat(api.purge(orgB, confirmable).status()).isEqualTo(200);
        assertThat(api.status(owner, confirmable)).isEqualTo("PurgedByRecipient");
        assertThat(events(confirmable, "CorrespondencePurged")).isEqualTo(1);
        assertThat(api.purge(orgB, confirmable).json().path("errorCode").asInt()).isEqualTo(1014);
        assertThat(api.get(orgB, confirmable, "").status()).as("gone for the recipient").isEqualTo(404);
    }

    @Test
    void searchShowsRecipientsOnlyWhatIsPublishedToThemAndSendersWhatTheySent() {
        String person = CorrespondenceApi.pid(11112600);
        String ref = "search-" + UUID.randomUUID();
        UUID published = published(person, Map.of("sendersReference", ref));
        UUID waiting = api.initializeOk(owner, request(RESOURCE, List.of(person), Map.of("sendersReference", ref))).get(0);
        String personToken = api.personToken(person, READ);
        String base = CorrespondenceApi.BASE + "/correspondence?resourceId=" + RESOURCE + "&sendersReference=" + ref;

        assertThat(api.http().get(base, personToken).status()).as("role is required").isEqualTo(400);
        JsonNode asRecipient = api.http().get(base + "&role=Recipient", personToken).json().path("ids");
        assertThat(asRecipient).hasSize(1);
        assertThat(asRecipient.get(0).asText()).isEqualTo(published.toString());
        JsonNode asSender = api.http().get(base + "&role=Sender", owner).json().path("ids");
        assertThat(asSender).hasSize(2);
        assertThat(asSender.toString()).contains(waiting.toString());
        assertThat(api.http().get(base + "&role=Recipient", api.orgToken(ORG_A, READ)).json().path("ids")).isEmpty();
        assertThat(api.http().get(base + "&role=Recipient&status=Published", personToken).json().path("ids")).hasSize(1);
        assertThat(api.http().get(base + "&role=RecipientAndSender&from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", personToken)
                .json().path("errorCode").asInt()).isEqualTo(1027);
    }

    @Test
    void forwardByEmailOnlyWhenAllowedAndRead() {
        String orgB = api.orgToken(ORG_B, READ);
        UUID notAllowed = published("0192:" + ORG_B, Map.of());
        String to = "kollega-" + UUID.randomUUID() + "@bedrift-b.no";
        Map<String, Object> forward = Map.of("forwardTo", to, "forwardingText", "Se denne");
        assertThat(api.http().postJson(CorrespondenceApi.BASE + "/correspondence/" + notAllowed + "/forward", orgB, forward)
                .json().path("errorCode").asInt()).isEqualTo(1063);
        UUID allowed = published("0192:" + ORG_B, Map.of("allowForwarding", true));
        String path = CorrespondenceApi.BASE + "/correspondence/" + allowed + "/forward";
        assertThat(api.http().postJson(path, orgB, forward).json().path("errorCode").asInt()).isEqualTo(1065);
        assertThat(api.http().postJson(path, orgB, Map.of("forwardTo", "not-an-address")).json().path("errorCode").asInt()).isEqualTo(3011);
        api.get(orgB, allowed, "/content");
        assertThat(api.http().postJson(path, orgB, forward).status()).isEqualTo(200);
        assertThat(api.http().postJson(path, orgB, forward).json().path("errorCode").asInt()).isEqualTo(1064);
        process.execute(forwardingOf(allowed), "Task_SendForwardEmail");
        assertThat(mailsTo(to)).hasSize(1);
        assertThat(api.status(owner, allowed)).isEqualTo("Forwarded");

        assertThat(api.get(owner, allowed, "/notification/check/main").json().path("sendNotification").asBoolean()).isTrue();
        assertThat(api.get(owner, allowed, "/notification/check").json().path("sendNotification").asBoolean()).as("read: no reminder").isFalse();
        assertThat(api.get(owner, notAllowed, "/notification/check").json().path("sendNotification").asBoolean()).isTrue();
        assertThat(api.get(api.orgToken(ORG_A, READ), notAllowed, "/notification/check").status()).isEqualTo(401);
    }

    @Test
    void aForwardWhileTheMailServerIsDownIsAnsweredAndItsEmailGoesOutOnceItIsBack() {
        String orgB = api.orgToken(ORG_B, READ);
        UUID allowed = published("0192:" + ORG_B, Map.of("allowForwarding", true));
        api.get(orgB, allowed, "/content");
        String to = "kollega-" + UUID.randomUUID() + "@bedrift-b.no";
        no.formidling.testsupport.NotificationReceivers.whileMailIsDown(() -> {
            BrokerApi.Response forwarded = api.http().postJson(CorrespondenceApi.BASE + "/correspondence/" + allowed + "/forward", orgB,
                    Map.of("forwardTo", to));
            assertThat(forwarded.status()).as(forwarded.body()).isEqualTo(200);
            assertThatThrownBy(() -> process.execute(forwardingOf(allowed), "Task_SendForwardEmail")).as("the step fails and is retried").isNotNull();
            assertThat(db.sql("select email_status || '/' || attempts from corr_forwarding where correspondence_id = ?").param(allowed)
                    .query(String.class).single()).isEqualTo("Failed/1");
        });
        assertThat(api.status(owner, allowed)).isEqualTo("Forwarded");

        process.execute(forwardingOf(allowed), "Task_SendForwardEmail");

        assertThat(mailsTo(to)).hasSize(1);
        assertThat(db.sql("select email_status || '/' || attempts from corr_forwarding where correspondence_id = ?").param(allowed)
                .query(String.class).single()).isEqualTo("Sent/2");
        assertThat(process.instance(forwardingOf(allowed))).as("the delivery process ended").isNull();
    }

    private UUID forwardingOf(UUID correspondenceId) {
        return db.sql("select id from corr_forwarding where correspondence_id = ?").param(correspondenceId).query(UUID.class).single();
    }

    private static java.util.List<jakarta.mail.internet.MimeMessage> mailsTo(String to) {
        return java.util.Arrays.stream(no.formidling.testsupport.NotificationReceivers.MAIL.getReceivedMessages())
                .filter(m -> com.icegreen.greenmail.util.GreenMailUtil.getHeaders(m).contains(to)).toList();
    }

    @Test
    void partyRegisterChecksIdentifiersAndNeedsAServiceOwner() {
        String person = CorrespondenceApi.pid(30107100);
        assertThat(api.party(person, "Ola Nordmann", "ola@example.no", "+4790000000", false).status()).isEqualTo(200);
        JsonNode got = api.http().get("/register/api/v1/parties/urn:altinn:person:identifier-no:" + person, owner).json();
        assertThat(got.path("name").asText()).isEqualTo("Ola Nordmann");
        assertThat(got.path("mobileNumber").asText()).isEqualTo("+4790000000");
        String badCheckDigit = person.substring(0, 10) + ((person.charAt(10) - '0' + 1) % 10);
        assertThat(api.party(badCheckDigit, "X", null, null, false).status()).isEqualTo(400);
        assertThat(api.party("0192:" + ORG_A, "X", "not-an-email", null, false).status()).isEqualTo(400);
        assertThat(api.http().putJson("/register/api/v1/parties/" + person, api.orgToken(ORG_A, READ), Map.of("name", "Y")).status())
                .isEqualTo(403);
        assertThat(api.http().get("/register/api/v1/parties/0192:399999999", owner).status()).isEqualTo(404);
        // loaded from application-test.yml at startup
        assertThat(api.http().get("/register/api/v1/parties/0192:310000009", owner).json().path("name").asText()).isEqualTo("Lastet Fra Yaml AS");
    }
}
