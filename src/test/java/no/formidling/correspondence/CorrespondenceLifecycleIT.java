package no.formidling.correspondence;

import static no.formidling.testsupport.NotificationReceivers.MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.icegreen.greenmail.util.GreenMailUtil;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.testsupport.NotificationReceivers;
import org.junit.jupiter.api.Test;

/** The lifecycle over HTTP with the process driven job by job: publish, email (GreenMail), SMS, read, confirm, reminders. */
class CorrespondenceLifecycleIT extends CorrespondenceTestBase {

    List<MimeMessage> mailTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> GreenMailUtil.getAddressList(safeRecipients(m)).contains(address)).toList();
    }

    static jakarta.mail.Address[] safeRecipients(MimeMessage m) {
        try {
            return m.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void sentToAnOrganisationAndAPersonIsPublishedEmailedReadConfirmedAndOnlyTheUnreadOneIsReminded() {
        String person = CorrespondenceApi.pid(150590100);
        String orgEmail = "post-" + UUID.randomUUID() + "@bedrift-b.no";
        String personEmail = "kari-" + UUID.randomUUID() + "@example.no";
        api.party("0192:" + CorrespondenceApi.OWNER, "Digitaliseringsdirektoratet", null, null, false);
        api.party("0192:" + ORG_B, "Bedrift B AS", orgEmail, null, false);
        assertThat(api.party(person, "Kari Nordmann", personEmail, "+4799887766", false).status()).isEqualTo(200);

        Map<String, Object> notification = Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                "emailSubject", "Melding til $recipientName$",
                "emailBody", "Hei $recipientName$, $sendersName$ har sendt deg «$messageTitle$» ($resourceName$).",
                "sendReminder", true, "reminderEmailSubject", "Påminnelse til $recipientName$",
                "reminderEmailBody", "Du har ikke lest meldingen fra $sendersName$.");
        BrokerApi.Response init = api.initialize(owner, CorrespondenceApi.request(RESOURCE,
                List.of("urn:altinn:organization:identifier-no:" + ORG_B, person),
                Map.of("isConfirmationNeeded", true, "dueDateTime", OffsetDateTime.now().plusDays(30).toString(), "notification", notification)));
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        JsonNode created = init.json().get("correspondences");
        assertThat(created).hasSize(2);
        UUID orgId = UUID.fromString(created.get(0).get("correspondenceId").asText());
        UUID personId = UUID.fromString(created.get(1).get("correspondenceId").asText());
        assertThat(orgId).isNotEqualTo(personId);
        assertThat(created.get(0).get("recipient").asText()).isEqualTo("urn:altinn:organization:identifier-no:" + ORG_B);
        assertThat(created.get(1).get("recipient").asText()).isEqualTo("urn:altinn:person:identifier-no:" + person);
        assertThat(created.get(1).get("status").asText()).isEqualTo("ReadyForPublish");
        assertThat(events(orgId, "CorrespondenceInitialized")).isEqualTo(1);

        String personToken = api.personToken(person, READ);
        String orgToken = api.orgToken(ORG_B, READ);
        assertThat(api.get(personToken, personId, "").status()).as("not visible before publish").isEqualTo(404);

        publish(orgId);
        publish(personId);
        assertThat(api.status(owner, personId)).isEqualTo("Published");
        assertThat(events(personId, "CorrespondencePublished")).isEqualTo(1);

        for (UUID id : List.of(orgId, personId)) {
            process.execute(id, "Event_NotificationDue");
            process.execute(id, "Task_SendNotification");
        }
        List<MimeMessage> toPerson = mailTo(personEmail);
        assertThat(toPerson).hasSize(1);
        assertThat(subject(toPerson.get(0))).isEqualTo("Melding til Kari Nordmann");
        assertThat(GreenMailUtil.getBody(toPerson.get(0))).contains("Hei Kari Nordmann, Digitaliseringsdirektoratet har sendt deg");
        assertThat(mailTo(orgEmail)).hasSize(1);

        assertThat(api.post(personToken, personId, "markasread").json().path("errorCode").asInt()).isEqualTo(1024);
        JsonNode overview = api.get(personToken, personId, "").json();
        assertThat(overview.path("status").asText()).isEqualTo("Fetched");
        assertThat(overview.path("content").path("messageTitle").asText()).isEqualTo("Vedtak om tilskudd");
        assertThat(api.post(personToken, personId, "markasread").status()).isEqualTo(200);
        BrokerApi.Response again = api.post(personToken, personId, "markasread");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("CORR-01040");
        assertThat(api.post(personToken, personId, "confirm").status()).isEqualTo(200);
        assertThat(api.post(personToken, personId, "confirm").json().path("errorCode").asInt()).isEqualTo(1041);

        JsonNode details = api.get(owner, personId, "/details").json();
        assertThat(details.path("status").asText()).isEqualTo("Confirmed");
        // upstream asks Dialogporten for the dialog's system label and answers Default when there is none to ask
        assertThat(details.path("systemLabel").asText()).isEqualTo("Default");
        assertThat(api.get(owner, personId, "").json().has("systemLabel")).as("details only").isFalse();
        List<String> history = new ArrayList<>();
        details.path("statusHistory").forEach(s -> history.add(s.path("status").asText()));
        assertThat(history).containsSubsequence("Initialized", "ReadyForPublish", "Published", "Fetched", "Read", "Confirmed");
        assertThat(details.path("notifications")).hasSize(1);
        assertThat(details.path("notifications").get(0).path("notificationChannel").asText()).isEqualTo("Email");
        assertThat(details.path("notifications").get(0).path("processingStatus").path("status").asText()).isEqualTo("Sent");
        assertThat(events(personId, "CorrespondenceReceiverRead")).isEqualTo(1);
        assertThat(events(personId, "CorrespondenceReceiverConfirmed")).isEqualTo(1);

        for (UUID id : List.of(orgId, personId)) {
            process.execute(id, "Event_ReminderDue");
            process.execute(id, "Task_SendReminder");
        }
        assertThat(mailTo(personEmail)).as("read: no reminder").hasSize(1);
        List<MimeMessage> toOrg = mailTo(orgEmail);
        assertThat(toOrg).hasSize(2);
        assertThat(subject(toOrg.get(1))).isEqualTo("Påminnelse til Bedrift B AS");
        assertThat(process.waitingAt(personId)).containsExactly("Event_DueDateReached");
        for (UUID id : List.of(orgId, personId)) {
            process.execute(id, "Event_DueDateReached");
            process.execute(id, "Task_ReportDueDate");
        }
        assertThat(events(orgId, "CorrespondenceReceiverNeverRead")).isEqualTo(1);
        assertThat(events(orgId, "CorrespondenceReceiverNeverConfirmed")).isEqualTo(1);
        assertThat(events(personId, "CorrespondenceReceiverNeverRead")).isZero();
        assertThat(events(personId, "CorrespondenceReceiverNeverConfirmed")).isZero();
        assertThat(process.instance(personId)).as("no allowSystemDeleteAfter: the process ends").isNull();
        assertThat(api.get(orgToken, orgId, "").status()).isEqualTo(200);
    }

    @Test
    void smsGoesToTheWebhookAndAFailedDeliveryIsRetriedWithoutResendingTheEmail() {
        String email = "sms-" + UUID.randomUUID() + "@bedrift-a.no";
        String mobile = "+47" + (40000000 + (int) (Math.random() * 9_000_000));
        api.party("0192:" + ORG_A, "Bedrift A AS", email, mobile, false);
        UUID id = api.initializeOk(owner, CorrespondenceApi.request(RESOURCE, List.of("0192:" + ORG_A), Map.of("notification",
                Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "EmailAndSms", "emailSubject", "Ny melding",
                        "emailBody", "Til $recipientName$", "smsBody", "SMS til $recipientName$ ($recipientNumber$)")))).get(0);
        publish(id);
        process.execute(id, "Event_NotificationDue");
        NotificationReceivers.failNextSms(1);
        assertThatThrownBy(() -> process.execute(id, "Task_SendNotification")).hasMessageContaining("503");
        assertThat(mailTo(email)).hasSize(1);
        assertThat(NotificationReceivers.SMS.stream().filter(s -> s.contains(mobile))).isEmpty();

        process.execute(id, "Task_SendNotification");
        assertThat(mailTo(email)).as("the email went out once").hasSize(1);
        List<String> sms = NotificationReceivers.SMS.stream().filter(s -> s.contains(mobile)).toList();
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0)).contains("SMS til Bedrift A AS (" + ORG_A + ")").contains(id.toString());
        JsonNode notifications = api.get(owner, id, "/details").json().path("notifications");
        assertThat(notifications).hasSize(2);
        notifications.forEach(n -> assertThat(n.path("processingStatus").path("status").asText()).isEqualTo("Sent"));
        // As upstream, per notification order once it is resolved: a retry that went through is no failure.
        assertThat(events(id, "CorrespondenceNotificationFailed")).isZero();
        assertThat(events(id, "CorrespondenceNotificationDelivered")).isEqualTo(1);
    }
}
