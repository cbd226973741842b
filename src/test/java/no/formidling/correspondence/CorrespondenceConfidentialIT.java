package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;

import static no.formidling.testsupport.NotificationReceivers.MAIL;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.correspondence.CorrespondenceAttachmentsIT.Multipart;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Confidential correspondences as upstream: the resource decides (1060/1061), and overview and details say so. */
class CorrespondenceConfidentialIT extends CorrespondenceTestBase {

    @Autowired
    ConfidentialReminderEmails reminderEmails;

    long stored(String sendersReference) {
        return db.sql("select count(*) from correspondence where senders_reference = ?").param(sendersReference).query(Long.class).single();
    }

    static void refused(BrokerApi.Response r, int errorCode) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("errorCode").asInt()).isEqualTo(errorCode);
        assertThat(r.code()).isEqualTo(String.format("CORR-%05d", errorCode));
    }

    @Test
    void theResourceRegistryKeepsWhetherAResourceIsConfidential() {
        BrokerApi.Response confidential = api.http().get("/resourceregistry/api/v1/resource/" + CONFIDENTIAL_RESOURCE, owner);
        assertThat(confidential.status()).isEqualTo(200);
        assertThat(confidential.json().path("confidential").asBoolean()).isTrue();
        assertThat(api.http().get("/resourceregistry/api/v1/resource/" + RESOURCE, owner).json().path("confidential").isBoolean()).isTrue();
        assertThat(api.http().get("/resourceregistry/api/v1/resource/" + RESOURCE, owner).json().path("confidential").asBoolean()).isFalse();
    }

    @Test
    void aConfidentialResourceTakesOnlyCorrespondencesMarkedConfidential() {
        String ref = "taushet uten flagg " + UUID.randomUUID();
        refused(api.initialize(owner, request(CONFIDENTIAL_RESOURCE, List.of("0192:" + ORG_B), Map.of("sendersReference", ref))), 1060);
        refused(api.initialize(owner, request(CONFIDENTIAL_RESOURCE, List.of("0192:" + ORG_B, CorrespondenceApi.pid(101070120)),
                Map.of("sendersReference", ref, "isConfidential", false))), 1060);
        assertThat(stored(ref)).as("nothing half-written").isZero();
    }

    @Test
    void onlyAConfidentialResourceTakesCorrespondencesMarkedConfidential() {
        String ref = "flagg uten taushet " + UUID.randomUUID();
        refused(api.initialize(owner, request(RESOURCE, List.of("0192:" + ORG_B), Map.of("sendersReference", ref, "isConfidential", true))), 1061);
        assertThat(stored(ref)).isZero();
    }

    @Test
    void multipartInitializeIsRefusedTooAndKeepsNoAttachment() throws Exception {
        long attachmentsBefore = db.sql("select count(*) from corr_attachment").query(Long.class).single();
        Multipart form = new Multipart()
                .field("correspondence.resourceId", CONFIDENTIAL_RESOURCE).field("correspondence.sendersReference", "fleirdelt")
                .field("correspondence.content.language", "nb").field("correspondence.content.messageTitle", "Vedtak")
                .field("correspondence.content.messageBody", "Se vedlegg.").field("recipients[0]", "0192:" + ORG_B)
                .field("correspondence.content.attachments[0].fileName", "brev æøå.txt")
                .field("correspondence.content.attachments[0].sendersReference", "v1")
                .file("attachments", "brev æøå.txt", "Hei".getBytes(StandardCharsets.UTF_8));
        BrokerApi.Response r = api.http().send(api.http().request(BASE + "/correspondence/upload", owner)
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
        refused(r, 1060);
        assertThat(db.sql("select count(*) from corr_attachment").query(Long.class).single()).isEqualTo(attachmentsBefore);
    }

    @Test
    void overviewAndDetailsSayConfidentialToSenderAndRecipient() {
        String person = CorrespondenceApi.pid(240588120);
        String token = api.personToken(person, READ);
        UUID confidential = api.initializeOk(owner, request(CONFIDENTIAL_RESOURCE, List.of(person),
                Map.of("isConfidential", true, "messageSender", "Tolletaten æøå"))).get(0);
        UUID open = api.initializeOk(owner, request(RESOURCE, List.of(person), Map.of())).get(0);
        publish(confidential);
        publish(open);

        for (String caller : List.of(owner, token)) {
            assertThat(api.get(caller, confidential, "").json().path("isConfidential").asBoolean()).isTrue();
            assertThat(api.get(caller, confidential, "/details").json().path("isConfidential").asBoolean()).isTrue();
            assertThat(api.get(caller, open, "").json().path("isConfidential").asBoolean()).isFalse();
            assertThat(api.get(caller, open, "/details").json().path("isConfidential").asBoolean()).isFalse();
        }
        assertThat(api.get(token, confidential, "/content").body()).contains("Du har fått **tilskudd**");
    }

    @Test
    void anOperatorCanMarkAResourceConfidentialLater() {
        String resourceId = "corr-it-senere-taushet";
        api.resource(resourceId, "Senere taushetsbelagt");
        api.initializeOk(owner, request(resourceId, List.of("0192:" + ORG_B), Map.of()));

        api.resource(resourceId, "Senere taushetsbelagt", true);
        refused(api.initialize(owner, request(resourceId, List.of("0192:" + ORG_B), Map.of())), 1060);
        assertThat(api.initializeOk(owner, request(resourceId, List.of("0192:" + ORG_B), Map.of("isConfidential", true)))).hasSize(1);
    }

    @Test
    void anUnreadConfidentialCorrespondenceRemindsItsRecipientOnceByEmailAndAReadOneDoesNot() throws Exception {
        String org = "0192:310000088";
        String address = "post-" + UUID.randomUUID() + "@taushet.example";
        assertThat(api.party(org, "Fjordbåt Økonomi AS", address, null, false).status()).isEqualTo(200);
        UUID unread = api.initializeOk(owner, request(CONFIDENTIAL_RESOURCE, List.of(org), Map.of("isConfidential", true))).get(0);
        UUID read = api.initializeOk(owner, request(CONFIDENTIAL_RESOURCE, List.of(org), Map.of("isConfidential", true))).get(0);
        UUID notConfidential = api.initializeOk(owner, request(RESOURCE, List.of(org), Map.of())).get(0);
        for (UUID id : List.of(unread, read, notConfidential)) {
            publish(id);
        }
        assertThat(api.get(api.orgToken("310000088", READ), read, "/content").status()).isEqualTo(200);

        reminderEmails.sendDue();
        reminderEmails.sendDue();

        List<MimeMessage> mails = Arrays.stream(MAIL.getReceivedMessages())
                .filter(m -> GreenMailUtil.getAddressList(CorrespondenceLifecycleIT.safeRecipients(m)).contains(address)).toList();
        assertThat(mails).as("one reminder, for the unread confidential correspondence only").hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Din virksomhet Fjordbåt Økonomi AS har uåpnet taushetsbelagt post.");
        assertThat(mails.get(0).getContent().toString()).contains("taushetsbelagt post som ikke er åpnet");
        assertThat(db.sql("select correspondence_id from corr_confidential_reminder where recipient like ?")
                .param("%310000088").query(UUID.class).list()).containsExactly(unread);
    }
}
