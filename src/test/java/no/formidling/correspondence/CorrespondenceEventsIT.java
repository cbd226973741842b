package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.testsupport.NotificationReceivers;
import no.formidling.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Correspondence events end to end: subscriptions with a Correspondence resourceFilter made through
 * /events/api/v1/subscriptions receive every event the lifecycle raises, once, as CloudEvents at a real HTTP receiver,
 * through the Broker's delivery workers. Also the reminder's SMS window: the reminder delay is set so that a reminder
 * always falls due in the evening in Oslo, outside 09:00–17:00.
 */
@TestPropertySource(properties = {
        "formidling.events.delivery.enabled=true",
        "formidling.events.delivery.poll-interval=PT0.05S",
        "formidling.events.delivery.retry-delays=PT0.2S,PT0.2S"})
class CorrespondenceEventsIT extends CorrespondenceTestBase {
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ORG_URN = "urn:altinn:organization:identifier-no:";
    /** From now until the coming 19:00 in Oslo: a reminder sent during the test falls due between 19:00 and midnight. */
    static final Duration REMINDER_DELAY = untilNext(LocalTime.of(19, 0));
    static WebhookReceiver receiver;

    @Autowired
    CorrespondenceActions actions;

    static Duration untilNext(LocalTime localTime) {
        ZonedDateTime now = ZonedDateTime.now(OSLO);
        ZonedDateTime next = now.with(localTime);
        return Duration.between(now, next.isAfter(now.plusMinutes(1)) ? next : next.plusDays(1));
    }

    @DynamicPropertySource
    static void eveningReminders(DynamicPropertyRegistry registry) {
        registry.add("formidling.correspondence.reminder-delay", REMINDER_DELAY::toString);
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void ownResource() {
        // A resource of its own per test, open to the service owner and ORG_B, so no other test's events match.
        resource = "corr-events-" + UUID.randomUUID().toString().substring(0, 8);
        BrokerApi.Response r = api.http().putJson("/resourceregistry/api/v1/resource/" + resource, owner, Map.of(
                "title", "Hendelser for tilskudd", "serviceOwnerOrgNo", CorrespondenceApi.OWNER, "accessList", List.of(
                        Map.of("party", "0192:" + CorrespondenceApi.OWNER, "actions", List.of("read", "write")),
                        Map.of("party", "0192:" + ORG_B, "actions", List.of("read")))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void subscribe(String token, String endpointName) {
        Map<String, Object> body = new HashMap<>();
        body.put("endPoint", receiver.endpoint(endpointName));
        body.put("resourceFilter", "urn:altinn:resource:" + resource);
        BrokerApi.Response r = api.http().postJson("/events/api/v1/subscriptions/", token, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        await().atMost(WAIT).until(() -> !receiver.all(endpointName).isEmpty());
    }

    /** What a subscriber received, as "type instance subject" lines without the common prefixes. */
    static List<String> received(String endpointName) {
        return receiver.accepted(endpointName).stream().map(r -> r.type().replace("no.altinn.correspondence.", "") + " "
                + r.body().path("resourceinstance").asText() + " " + r.body().path("subject").asText()).toList();
    }

    List<UUID> notificationIds(UUID correspondenceId) {
        return db.sql("select id from corr_notification where correspondence_id = ? order by is_reminder, channel")
                .param(correspondenceId).query(UUID.class).list();
    }

    @Test
    void subscribersReceiveEveryEventOfTheLifecycleOnceAsCloudEvents() throws Exception {
        String ownerEvents = "owner-" + resource;
        String recipientEvents = "recipient-" + resource;
        subscribe(api.http().send(api.http().request("/api/GetEnterpriseToken?orgNo=" + CorrespondenceApi.OWNER
                + "&org=digdir&scopes=altinn:events.subscribe", null).GET()).body(), ownerEvents);
        subscribe(api.orgToken(ORG_B, "altinn:events.subscribe"), recipientEvents);
        String mobile = "+47" + (40000000 + (int) (Math.random() * 9_000_000));
        api.party("0192:" + ORG_B, "Bedrift B AS", "post-" + UUID.randomUUID() + "@bedrift-b.no", mobile, false);
        String person = CorrespondenceApi.pid(170270100);
        api.party(person, "Reservert Person", null, null, true);

        UUID attachment = sharedAttachment("vedtak på nynorsk.txt", "Vedtak: æøå".getBytes(StandardCharsets.UTF_8), Map.of("expirationInDays", 1));
        UUID failed = UUID.fromString(initAttachment("feil sjekksum.txt", md5(new byte[]{1})).json().asText());
        assertThat(upload(failed, new byte[]{2}).json().path("errorCode").asInt()).as("checksum mismatch").isEqualTo(2008);

        OffsetDateTime now = OffsetDateTime.now();
        Map<String, Object> notification = Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "EmailAndSms",
                "emailSubject", "Ny melding", "emailBody", "Til $recipientName$", "smsBody", "SMS til $recipientName$",
                "sendReminder", true, "reminderEmailSubject", "Påminnelse", "reminderEmailBody", "Husk meldingen",
                "reminderSmsBody", "Husk meldingen");
        Map<String, Object> body = request(resource, List.of("0192:" + ORG_B), Map.of("isConfirmationNeeded", true,
                "dueDateTime", now.plusDays(14).toString(), "allowSystemDeleteAfter", now.plusDays(30).toString(), "notification", notification));
        body.put("existingAttachments", List.of(attachment.toString()));
        UUID read = api.initializeOk(owner, body).get(0);
        List<UUID> twoRecipients = api.initializeOk(owner, request(resource, List.of(person, "0192:" + ORG_B),
                Map.of("isConfirmationNeeded", true, "dueDateTime", now.plusDays(14).toString())));
        UUID reserved = twoRecipients.get(0);
        UUID unread = twoRecipients.get(1);

        publish(read);
        publish(unread);
        process.execute(read, "Event_NotificationDue");
        process.execute(read, "Task_SendNotification");
        process.execute(read, "Event_ReminderDue");
        NotificationReceivers.failNextSms(1);
        assertThatThrownBy(() -> process.execute(read, "Task_SendReminder")).hasMessageContaining("503");
        process.execute(read, "Task_SendReminder");

        String orgB = api.orgToken(ORG_B, READ);
        assertThat(api.get(orgB, read, "").status()).isEqualTo(200);
        assertThat(api.http().get(BASE + "/correspondence/" + read + "/attachment/" + attachment + "/download", orgB).status()).isEqualTo(200);
        assertThat(api.post(orgB, read, "markasread").status()).isEqualTo(200);
        assertThat(api.post(orgB, read, "confirm").status()).isEqualTo(200);
        as(orgB, () -> actions.archive(read));

        db.sql("update correspondence_attachment set expiration_time = now() - interval '1 second' where correspondence_id = ?").param(read).update();
        process.execute(read, "Event_AttachmentsExpire");
        process.execute(read, "Task_ExpireAttachments");
        for (UUID id : List.of(read, unread)) {
            process.execute(id, "Event_DueDateReached");
            process.execute(id, "Task_ReportDueDate");
        }
        process.execute(read, "Event_AllowSystemDeleteAfter");
        process.execute(read, "Task_PurgeByAltinn");

        String ownerUrn = ORG_URN + CorrespondenceApi.OWNER;
        String orgBUrn = ORG_URN + ORG_B;
        List<UUID> notifications = notificationIds(read);
        assertThat(notifications).hasSize(4);
        List<String> toOwner = new ArrayList<>(List.of(
                "attachmentinitialized " + attachment + " " + ownerUrn,
                "attachmentuploadprocessing " + attachment + " " + ownerUrn,
                "attachmentpublished " + attachment + " " + ownerUrn,
                "attachmentinitialized " + failed + " " + ownerUrn,
                "attachmentuploadprocessing " + failed + " " + ownerUrn,
                "attachmentuploadfailed " + failed + " " + ownerUrn,
                "correspondenceinitialized " + read + " " + ownerUrn,
                "correspondenceinitialized " + unread + " " + ownerUrn,
                "correspondencereceiverreserved " + reserved + " " + ownerUrn,
                "correspondencenotificationdelivered " + read + " " + ownerUrn,
                "correspondencenotificationdelivered " + read + " " + ownerUrn,
                "correspondencenotificationfailed " + read + " " + ownerUrn,
                "correspondencenotificationreminderdelivered " + read + " " + ownerUrn,
                "correspondencenotificationreminderdelivered " + read + " " + ownerUrn,
                "correspondencereceiverread " + read + " " + ownerUrn,
                "correspondencereceiverconfirmed " + read + " " + ownerUrn,
                "correspondencearchived " + read + " " + ownerUrn,
                "attachmentexpired " + attachment + " " + ownerUrn,
                "correspondencepurged " + read + " " + ownerUrn));
        notifications.forEach(n -> toOwner.add("notificationcreated " + n + " " + ownerUrn));
        List<String> toRecipient = List.of(
                "correspondencepublished " + read + " " + orgBUrn,
                "correspondencepublished " + unread + " " + orgBUrn,
                "attachmentdownloaded " + attachment + " " + orgBUrn,
                "correspondencereceiverneverread " + unread + " " + orgBUrn,
                "correspondencereceiverneverconfirmed " + unread + " " + orgBUrn);

        await().atMost(WAIT).untilAsserted(() -> assertThat(received(ownerEvents)).containsExactlyInAnyOrderElementsOf(toOwner));
        await().atMost(WAIT).untilAsserted(() -> assertThat(received(recipientEvents)).containsExactlyInAnyOrderElementsOf(toRecipient));
        WebhookReceiver.Request purged = receiver.accepted(ownerEvents).stream()
                .filter(r -> r.type().equals("no.altinn.correspondence.correspondencepurged")).findFirst().orElseThrow();
        assertThat(purged.contentType()).startsWith("application/cloudevents+json");
        assertThat(purged.body().path("specversion").asText()).isEqualTo("1.0");
        assertThat(purged.body().path("resource").asText()).isEqualTo("urn:altinn:resource:" + resource);
        assertThat(purged.body().path("source").asText()).endsWith("/correspondence/api/v1/correspondence");
        assertThat(purged.body().path("alternativesubject").asText()).isEqualTo("/organisation/" + CorrespondenceApi.OWNER);
        // Every committed row about them names the resource, as the Broker's do.
        for (UUID id : List.of(read, unread, reserved, attachment, failed)) {
            assertThat(outbox(id)).allSatisfy(e -> assertThat(e.resource()).isEqualTo("urn:altinn:resource:" + resource));
        }
    }

    @Test
    void aReminderBySmsWaitsForTheNextWindowWhileAnEmailReminderGoesWhenDue() {
        String email = "kveld-" + UUID.randomUUID() + "@bedrift-b.no";
        String mobile = "+47" + (40000000 + (int) (Math.random() * 9_000_000));
        api.party("0192:" + ORG_B, "Bedrift B AS", email, mobile, false);
        Map<String, Object> bySms = Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                "emailSubject", "Ny melding", "emailBody", "Hei", "sendReminder", true, "reminderNotificationChannel", "Sms",
                "reminderSmsBody", "Påminnelse på SMS til $recipientName$");
        Map<String, Object> byEmail = Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                "emailSubject", "Ny melding", "emailBody", "Hei", "sendReminder", true,
                "reminderEmailSubject", "Påminnelse", "reminderEmailBody", "Husk meldingen");
        UUID sms = api.initializeOk(owner, request(resource, List.of("0192:" + ORG_B), Map.of("notification", bySms))).get(0);
        UUID mail = api.initializeOk(owner, request(resource, List.of("0192:" + ORG_B), Map.of("notification", byEmail))).get(0);

        Instant before = Instant.now();
        for (UUID id : List.of(sms, mail)) {
            publish(id);
            process.execute(id, "Event_NotificationDue");
            process.execute(id, "Task_SendNotification");
        }
        Instant after = Instant.now();

        Instant emailDue = jobAt(mail, "Event_ReminderDue").getDuedate().toInstant();
        assertThat(emailDue).isBetween(before.plus(REMINDER_DELAY).minusMillis(1), after.plus(REMINDER_DELAY));
        ZonedDateTime smsDue = jobAt(sms, "Event_ReminderDue").getDuedate().toInstant().atZone(OSLO);
        assertThat(smsDue.toLocalTime()).as("the window's opening in Oslo").isEqualTo(LocalTime.of(9, 0));
        assertThat(smsDue.toInstant()).isAfter(after.plus(REMINDER_DELAY)).isBefore(before.plus(REMINDER_DELAY).plus(Duration.ofHours(15)));
        assertThat(NotificationReceivers.SMS.stream().filter(s -> s.contains(mobile))).as("nothing by SMS while waiting").isEmpty();

        process.execute(sms, "Event_ReminderDue");
        process.execute(sms, "Task_SendReminder");
        assertThat(NotificationReceivers.SMS.stream().filter(s -> s.contains(mobile)))
                .singleElement().satisfies(s -> assertThat(s).contains("Påminnelse på SMS til Bedrift B AS"));
    }
}
