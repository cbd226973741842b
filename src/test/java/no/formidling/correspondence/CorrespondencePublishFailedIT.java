package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.NotificationReceivers.MAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import no.formidling.correspondence.CorrespondenceAttachmentsIT.Multipart;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.Clamd;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code correspondencepublishfailed} with a real clamd (EICAR signature only): an inline attachment carrying EICAR
 * fails every correspondence that links it, before anything is published or anyone notified.
 */
class CorrespondencePublishFailedIT extends CorrespondenceTestBase {
    static Clamd clamd;

    @DynamicPropertySource
    static void clamav(DynamicPropertyRegistry registry) throws Exception {
        clamd = Clamd.start(1024 * 1024);
        registry.add("formidling.scan.type", () -> "clamav");
        registry.add("formidling.scan.clamav.host", () -> "127.0.0.1");
        registry.add("formidling.scan.clamav.port", clamd::port);
    }

    @AfterAll
    static void stopClamd() throws Exception {
        clamd.close();
    }

    static long mailTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> GreenMailUtil.getHeaders(m).contains(address)).count();
    }

    @Test
    void anInfectedAttachmentFailsEveryCorrespondenceLinkingItWithTheEventAndNothingIsPublishedOrNotified() {
        String person = CorrespondenceApi.pid(311299100);
        String orgEmail = "virus-" + UUID.randomUUID() + "@bedrift-b.no";
        String personEmail = "virus-" + UUID.randomUUID() + "@example.no";
        api.party("0192:" + ORG_B, "Bedrift B AS", orgEmail, null, false);
        api.party(person, "Åse Ærlig", personEmail, null, false);
        Multipart form = new Multipart()
                .field("correspondence.resourceid", RESOURCE)
                .field("correspondence.sendersreference", "virus-" + UUID.randomUUID())
                .field("correspondence.content.language", "nb")
                .field("correspondence.content.messagetitle", "Søknad med vedlegg")
                .field("correspondence.content.messagebody", "Se vedlegg.")
                .field("correspondence.notification.notificationtemplate", "CustomMessage")
                .field("correspondence.notification.notificationchannel", "Email")
                .field("correspondence.notification.emailsubject", "Ny melding til $recipientName$")
                .field("correspondence.notification.emailbody", "Du har fått en melding.")
                .field("recipients[0]", "0192:" + ORG_B)
                .field("recipients[1]", person)
                .field("correspondence.content.attachments[0].filename", "søknad med vedlegg.txt")
                .field("correspondence.content.attachments[0].sendersreference", "virus")
                .file("attachments", "søknad med vedlegg.txt", Clamd.EICAR.getBytes(StandardCharsets.US_ASCII));
        BrokerApi.Response r = api.http().send(api.http().request(BASE + "/correspondence/upload", owner)
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        UUID attachment = UUID.fromString(r.json().path("attachmentIds").get(0).asText());
        List<UUID> ids = new ArrayList<>();
        r.json().path("correspondences").forEach(c -> ids.add(UUID.fromString(c.path("correspondenceId").asText())));
        assertThat(ids).hasSize(2);

        for (UUID id : ids) {
            process.execute(id, "Task_ScanAttachments");
        }

        String ownerUrn = "urn:altinn:organization:identifier-no:" + CorrespondenceApi.OWNER;
        for (UUID id : ids) {
            assertThat(process.instance(id)).as("the process ends at Failed: no publish timer, no notification").isNull();
            JsonNode details = api.get(owner, id, "/details").json();
            assertThat(details.path("status").asText()).isEqualTo("Failed");
            assertThat(details.path("statusHistory").findValuesAsText("statusText")).contains("An attachment failed its malware scan");
            assertThat(details.path("notifications")).isEmpty();
            assertThat(outbox(id)).extracting(e -> e.type().replace("no.altinn.correspondence.", "") + " " + e.subject())
                    .containsExactly("correspondenceinitialized " + ownerUrn, "correspondencepublishfailed " + ownerUrn);
        }
        assertThat(outbox(attachment)).extracting(e -> e.type().replace("no.altinn.correspondence.", ""))
                .containsOnlyOnce("attachmentuploadfailed").doesNotContain("attachmentpublished");
        assertThat(api.get(api.orgToken(ORG_B, READ), ids.get(0), "").status()).as("never published").isEqualTo(404);
        assertThat(api.get(api.personToken(person, READ), ids.get(1), "").status()).isEqualTo(404);
        assertThat(mailTo(orgEmail) + mailTo(personEmail)).as("nobody notified").isZero();
        assertThat(db.sql("select count(*) from corr_notification where correspondence_id in (?, ?)")
                .params(ids.get(0), ids.get(1)).query(Long.class).single()).isZero();
    }
}
