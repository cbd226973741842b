package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.storage.BlobStore;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The lifecycle's ends: allowSystemDeleteAfter → PurgedByAltinn with the attachments no longer linked, attachment expiry, archive. */
class CorrespondenceRetentionIT extends CorrespondenceTestBase {
    @Autowired
    CorrespondenceActions actions;
    @Autowired
    BlobStore blobs;

    static Map<String, Object> withAttachments(Map<String, Object> body, UUID... attachments) {
        body.put("existingAttachments", List.of(attachments).stream().map(UUID::toString).toList());
        return body;
    }

    static Instant time(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    String attachmentStatus(UUID attachment) {
        return api.http().get(BASE + "/attachment/" + attachment, owner).json().path("status").asText();
    }

    @Test
    void anyAllowSystemDeleteAfterIsAcceptedAsUpstreamIgnoresItAndOneTooEarlyIsNotHonoured() {
        OffsetDateTime now = OffsetDateTime.now();
        // what we refused before (1010, 1011, 1012) and what is no time at all: upstream skips the field since #1718
        List<Map<String, Object>> cases = List.of(
                Map.of("allowSystemDeleteAfter", now.minusDays(1).toString()),
                Map.of("requestedPublishTime", now.plusDays(10).toString(), "allowSystemDeleteAfter", now.plusDays(5).toString()),
                Map.of("dueDateTime", now.plusDays(20).toString(), "allowSystemDeleteAfter", now.plusDays(15).toString()),
                Map.of("allowSystemDeleteAfter", "snart"),
                Map.of("allowSystemDeleteAfter", 20260101),
                Map.of("allowSystemDeleteAfter", Map.of("dato", "i morgen")));
        for (Map<String, Object> fields : cases) {
            BrokerApi.Response r = api.initialize(owner, request(RESOURCE, List.of("0192:" + ORG_B), fields));
            assertThat(r.status()).as(fields + ": " + r.body()).isEqualTo(200);
            UUID id = UUID.fromString(r.json().path("correspondences").get(0).path("correspondenceId").asText());
            JsonNode deleteAfter = api.get(owner, id, "").json().path("allowSystemDeleteAfter");
            assertThat(deleteAfter.isNull() || deleteAfter.isMissingNode()).as(fields + ": not honoured, so no early purge").isTrue();
            assertThat(runtime.getVariables(process.instance(id).getId())).as(fields.toString()).doesNotContainKey("allowSystemDeleteAfter");
        }
    }

    @Test
    void atAllowSystemDeleteAfterAltinnPurgesItAndTheAttachmentsNoCorrespondenceInUseLinksTo() throws Exception {
        byte[] onlyHere = "Bare i denne meldingen: æøå".getBytes(StandardCharsets.UTF_8);
        byte[] shared = "Felles for begge meldingene".getBytes(StandardCharsets.UTF_8);
        UUID single = sharedAttachment("kun her.txt", onlyHere);
        UUID both = sharedAttachment("felles vedlegg.txt", shared);
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime deleteAfter = now.plusDays(60);
        UUID purged = api.initializeOk(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_B),
                Map.of("dueDateTime", now.plusDays(30).toString(), "allowSystemDeleteAfter", deleteAfter.toString())), single, both)).get(0);
        UUID kept = api.initializeOk(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_A), Map.of()), both)).get(0);

        assertThat(time(api.get(owner, purged, "").json().path("allowSystemDeleteAfter"))).isEqualTo(deleteAfter.toInstant());
        assertThat(time(api.get(owner, purged, "/details").json().path("allowSystemDeleteAfter"))).isEqualTo(deleteAfter.toInstant());
        JsonNode absent = api.get(owner, kept, "").json().path("allowSystemDeleteAfter");
        assertThat(absent.isNull() || absent.isMissingNode()).as("not derived when absent").isTrue();

        publish(purged);
        publish(kept);
        process.execute(purged, "Event_DueDateReached");
        process.execute(purged, "Task_ReportDueDate");
        assertThat(jobAt(purged, "Event_AllowSystemDeleteAfter").getDuedate().toInstant()).isEqualTo(deleteAfter.toInstant());
        assertThat(process.instance(kept)).as("no allowSystemDeleteAfter: nothing waits").isNull();

        process.execute(purged, "Event_AllowSystemDeleteAfter");
        process.execute(purged, "Task_PurgeByAltinn");
        assertThat(api.status(owner, purged)).isEqualTo("PurgedByAltinn");
        assertThat(events(purged, "CorrespondencePurged")).isEqualTo(1);
        assertThat(api.get(api.orgToken(ORG_B, READ), purged, "").status()).isEqualTo(404);
        assertThat(process.instance(purged)).isNull();

        assertThat(attachmentStatus(single)).isEqualTo("Purged");
        assertThat(events(single, "AttachmentPurged")).isEqualTo(1);
        assertThat(blobs.exists(single.toString())).as("bytes deleted").isFalse();
        assertThat(attachmentStatus(both)).as("still linked to a correspondence in use").isEqualTo("Published");
        assertThat(events(both, "AttachmentPurged")).isZero();
        String orgA = api.orgToken(ORG_A, READ);
        BrokerApi.Response download = api.http().get(BASE + "/correspondence/" + kept + "/attachment/" + both + "/download", orgA);
        assertThat(download.raw().body()).isEqualTo(shared);

        assertThat(api.purge(orgA, kept).status()).isEqualTo(200);
        assertThat(attachmentStatus(both)).as("its last correspondence is purged").isEqualTo("Purged");
        assertThat(events(both, "AttachmentPurged")).isEqualTo(1);
        assertThat(blobs.exists(both.toString())).isFalse();
    }

    @Test
    void anAttachmentExpiresForEachCorrespondenceDaysAfterItsPublishTimeAndForGoodWhenEveryLinkHas() throws Exception {
        byte[] content = "Tilbudet gjelder i én dag.".getBytes(StandardCharsets.UTF_8);
        BrokerApi.Response tooSoon = initAttachment("samme dag.pdf", md5(content), Map.of("expirationInDays", 0));
        assertThat(tooSoon.status()).isEqualTo(400);
        assertThat(tooSoon.json().path("errorCode").asInt()).isEqualTo(2017);
        assertThat(tooSoon.json().path("detail").asText()).contains("at least 1 days");
        UUID attachment = sharedAttachment("tilbud med frist.pdf", content, Map.of("expirationInDays", 1));
        UUID early = api.initializeOk(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_B), Map.of()), attachment)).get(0);
        UUID late = api.initializeOk(owner, withAttachments(request(RESOURCE, List.of("0192:" + ORG_A),
                Map.of("requestedPublishTime", OffsetDateTime.now().plusDays(2).toString())), attachment)).get(0);
        for (UUID id : List.of(early, late)) {
            JsonNode overview = api.get(owner, id, "").json();
            Instant expires = time(overview.path("requestedPublishTime")).plus(Duration.ofDays(1));
            assertThat(time(overview.path("content").path("attachments").get(0).path("expirationTime"))).isEqualTo(expires);
            assertThat(jobAt(id, "Event_AttachmentsExpire").getDuedate().toInstant()).isEqualTo(expires.truncatedTo(ChronoUnit.MILLIS));
        }
        publish(early);
        String orgB = api.orgToken(ORG_B, READ);
        String download = BASE + "/correspondence/" + early + "/attachment/" + attachment + "/download";
        assertThat(api.http().get(download, orgB).raw().body()).isEqualTo(content);

        // The day passes for the first correspondence: its recipient is refused at once, as upstream.
        db.sql("update correspondence_attachment set expiration_time = now() - interval '1 second' where correspondence_id = ?").param(early).update();
        BrokerApi.Response refused = api.http().get(download, orgB);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errorCode").asInt()).isEqualTo(2020);
        process.execute(early, "Event_AttachmentsExpire");
        process.execute(early, "Task_ExpireAttachments");
        assertThat(attachmentStatus(attachment)).as("the later correspondence's link has not expired").isEqualTo("Published");
        assertThat(process.instance(early)).as("nothing left to expire or wait for").isNull();

        db.sql("update correspondence_attachment set expiration_time = now() - interval '1 second' where correspondence_id = ?").param(late).update();
        process.execute(late, "Event_AttachmentsExpire");
        process.execute(late, "Task_ExpireAttachments");
        assertThat(attachmentStatus(attachment)).isEqualTo("Expired");
        assertThat(outbox(attachment).stream().filter(e -> e.type().equals("no.altinn.correspondence.attachmentexpired")))
                .singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo("urn:altinn:organization:identifier-no:" + CorrespondenceApi.OWNER));
        assertThat(blobs.exists(attachment.toString())).isFalse();
        assertThat(api.http().get(BASE + "/attachment/" + attachment + "/download", owner).json().path("errorCode").asInt()).isEqualTo(2020);
        assertThat(process.waitingAt(late)).as("the expiry branch has ended, the lifecycle goes on").containsExactly("Task_ScanAttachments");
    }

    @Test
    void theRecipientArchivesOnlyAfterConfirmingWhenConfirmationIsNeeded() {
        UUID id = api.initializeOk(owner, request(RESOURCE, List.of("0192:" + ORG_B),
                Map.of("isConfirmationNeeded", true, "dueDateTime", OffsetDateTime.now().plusDays(10).toString()))).get(0);
        publish(id);
        String orgB = api.orgToken(ORG_B, READ);
        assertThat(api.get(orgB, id, "").status()).isEqualTo(200);
        assertThatThrownBy(() -> as(orgB, () -> actions.archive(id)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("CORR-01026"));
        assertThatThrownBy(() -> as(api.orgToken(ORG_A, READ), () -> actions.archive(id))).as("another organisation")
                .isInstanceOf(ApiProblem.class);
        assertThat(api.post(orgB, id, "confirm").status()).isEqualTo(200);

        assertThat(as(orgB, () -> actions.archive(id))).isEqualTo(id);
        assertThat(as(orgB, () -> actions.archive(id))).as("twice").isEqualTo(id);
        assertThat(api.status(owner, id)).isEqualTo("Archived");
        assertThat(events(id, "CorrespondenceArchived")).isEqualTo(1);
        assertThat(api.get(orgB, id, "").json().path("status").asText()).as("still the recipient's").isEqualTo("Archived");
    }
}
