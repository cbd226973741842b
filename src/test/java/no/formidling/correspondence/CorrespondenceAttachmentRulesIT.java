package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.Test;

/** Upstream's initialize rules about attachments and forwarding: 1055, 1068 and 1069. */
class CorrespondenceAttachmentRulesIT extends CorrespondenceTestBase {
    static final String LEVEL_3_RESOURCE = "corr-it-niva3";

    static Map<String, Object> withAttachments(Map<String, Object> body, UUID... attachments) {
        body.put("existingAttachments", Arrays.stream(attachments).map(UUID::toString).toList());
        return body;
    }

    static int errorCode(BrokerApi.Response r) {
        assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
        return r.json().path("errorCode").asInt();
    }

    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    @Test
    void anExistingAttachmentThatExpiresForGoodWithinSixHoursIsRefused() throws Exception {
        UUID attachment = sharedAttachment("frist.txt", "Tilbud med frist".getBytes(StandardCharsets.UTF_8), Map.of("expirationInDays", 1));
        UUID first = api.initializeOk(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_A), Map.of()), attachment)).get(0);
        // a link expiring a day from now is far enough away
        assertThat(api.initialize(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_B), Map.of()), attachment)).status())
                .isEqualTo(200);

        setLinkExpiry(attachment, Instant.now().plus(Duration.ofHours(5)));
        BrokerApi.Response soon = api.initialize(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_B), Map.of()), attachment));
        assertThat(soon.status()).isEqualTo(400);
        assertThat(errorCode(soon)).isEqualTo(1055);
        assertThat(soon.json().path("detail").asText())
                .isEqualTo("Existing attachment is expiring within 6 hour(s) and cannot be attached to a new correspondence");

        setLinkExpiry(attachment, Instant.now().plus(Duration.ofHours(7)));
        assertThat(api.initialize(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_B), Map.of()), attachment)).status())
                .isEqualTo(200);

        // an attachment without expiry, and one not yet linked, are never refused
        UUID forever = sharedAttachment("uten frist.txt", "Varig".getBytes(StandardCharsets.UTF_8));
        assertThat(api.initialize(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_B), Map.of()), forever)).status())
                .isEqualTo(200);
        assertThat(first).isNotNull();
    }

    void setLinkExpiry(UUID attachment, Instant at) {
        db.sql("update correspondence_attachment set expiration_time = ? where attachment_id = ?")
                .params(Timestamp.from(at), attachment).update();
    }

    @Test
    void forwardingIsRefusedUnderAResourceNeedingAnAuthenticationLevel() {
        BrokerApi.Response put = api.http().putJson("/resourceregistry/api/v1/resource/" + LEVEL_3_RESOURCE, owner,
                Map.of("title", "Krever nivå 3", "serviceOwnerOrgNo", CorrespondenceApi.OWNER, "accessList", List.of(), "minimumAuthenticationLevel", 3));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("minimumAuthenticationLevel").asInt()).isEqualTo(3);
        BrokerApi.Response refused = api.initialize(owner, request(LEVEL_3_RESOURCE, List.of("0192:" + ORG_B), Map.of("allowForwarding", true)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(errorCode(refused)).isEqualTo(1068);
        assertThat(refused.json().path("detail").asText())
                .isEqualTo("Correspondence cannot allow forwarding if the resource for the correspondence has a required authorization level above 0");
        assertThat(api.initialize(owner, request(LEVEL_3_RESOURCE, List.of("0192:" + ORG_B), Map.of())).status()).isEqualTo(200);
        assertThat(api.initialize(owner, request(RESOURCE, List.of("0192:" + ORG_B), Map.of("allowForwarding", true))).status()).isEqualTo(200);
    }

    @Test
    void forwardingIsRefusedWithMoreThanTenMillionBytesOfAttachmentsExistingAndInline() throws Exception {
        UUID six = sharedAttachment("seks.txt", bytes(6_000_000));
        UUID four = sharedAttachment("fire.txt", bytes(4_000_000));
        UUID one = sharedAttachment("en.txt", bytes(1));
        assertThat(api.initialize(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_B), Map.of("allowForwarding", true)), six, four))
                .status()).as("exactly 10,000,000 bytes").isEqualTo(200);
        BrokerApi.Response tooLarge = api.initialize(owner,
                withAttachments(request(RESOURCE, List.of("0192:" + ORG_B), Map.of("allowForwarding", true)), six, four, one));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(errorCode(tooLarge)).isEqualTo(1069);
        assertThat(tooLarge.json().path("detail").asText())
                .isEqualTo("Correspondence cannot allow forwarding if the total size of attachments exceeds 10 MB");
        assertThat(api.initialize(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_B), Map.of()), six, four, one)).status())
                .as("without forwarding any size goes").isEqualTo(200);

        var form = new CorrespondenceAttachmentsIT.Multipart()
                .field("correspondence.resourceid", RESOURCE)
                .field("correspondence.sendersreference", "multipart-" + UUID.randomUUID())
                .field("correspondence.content.language", "nb")
                .field("correspondence.content.messagetitle", "Stort vedlegg")
                .field("correspondence.content.messagebody", "Se vedlegg.")
                .field("correspondence.allowforwarding", "true")
                .field("recipients[0]", "0192:" + ORG_B)
                .field("existingAttachments[0]", six.toString())
                .field("correspondence.content.attachments[0].filename", "mer.txt")
                .field("correspondence.content.attachments[0].sendersreference", "a1")
                .file("attachments", "mer.txt", bytes(4_000_001));
        BrokerApi.Response inline = api.http().send(api.http().request(BASE + "/correspondence/upload", owner)
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
        assertThat(inline.status()).as(inline.body()).isEqualTo(400);
        assertThat(errorCode(inline)).isEqualTo(1069);
    }
}
