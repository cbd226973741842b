package no.formidling.correspondence;

import static no.formidling.testsupport.NotificationReceivers.MAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.testsupport.NotificationReceivers;
import org.junit.jupiter.api.Test;

/**
 * The notification events as upstream raises them, per notification order (one per party notified): NotificationCreated
 * per order created, CreationFailed once when a party has no address at all, and once an order's deliveries are final
 * (retries used up): Delivered / ReminderDelivered when any went out, Failed when any failed, AllFailed when every
 * channel of the recipient's own order failed.
 */
class CorrespondenceNotificationEventsIT extends CorrespondenceTestBase {
    static final String OWNER_URN = "urn:altinn:organization:identifier-no:" + CorrespondenceApi.OWNER;

    static String mobile() {
        return "+47" + (40000000 + (int) (Math.random() * 9_000_000));
    }

    static boolean smsTo(String mobile) {
        return NotificationReceivers.SMS.stream().anyMatch(s -> s.contains(mobile));
    }

    static long mailTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> GreenMailUtil.getHeaders(m).contains(address)).count();
    }

    /** The notification events about the correspondence and its orders, as "type instance source-suffix subject" lines. */
    List<String> notificationEvents(UUID id) {
        List<String> lines = new ArrayList<>();
        List<UUID> instances = new ArrayList<>(notificationOrders(id));
        instances.add(id);
        for (UUID instance : instances) {
            outbox(instance).stream().filter(e -> e.type().contains("notification")).forEach(e -> lines.add(
                    e.type().replace("no.altinn.correspondence.", "") + " " + e.resourceInstance() + " "
                            + e.source().substring(e.source().lastIndexOf('/') + 1) + " " + e.subject()));
        }
        return lines;
    }

    UUID published(String recipient, Map<String, Object> notification) {
        UUID id = api.initializeOk(owner, CorrespondenceApi.request(RESOURCE, List.of(recipient), Map.of("notification", notification))).get(0);
        publish(id);
        process.execute(id, "Event_NotificationDue");
        return id;
    }

    @Test
    void everyChannelOfTheRecipientsOrderFailingAfterItsRetriesIsAllFailedOnce() {
        String mobile = mobile();
        api.party("0192:" + ORG_A, "Bedrift A AS", null, mobile, false);
        UUID id = published("0192:" + ORG_A, Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Sms",
                "smsBody", "Melding til $recipientName$"));

        NotificationReceivers.failNextSms(3);
        for (int attempt = 1; attempt < 3; attempt++) {
            assertThatThrownBy(() -> process.execute(id, "Task_SendNotification")).as("retried").hasMessageContaining("503");
            assertThat(events(id, "CorrespondenceNotificationAllFailed")).as("not final before the last attempt").isZero();
        }
        String processInstance = process.instance(id).getId();
        assertThat(jobAt(id, "Task_SendNotification").getRetries()).as("the engine's own retries reach the last attempt").isPositive();
        process.execute(id, "Task_SendNotification");
        assertThat(management.createJobQuery().processInstanceId(processInstance).withException().count())
                .as("a failed notification is an outcome, not an incident").isZero();

        assertThat(smsTo(mobile)).isFalse();
        UUID order = notificationOrders(id).get(0);
        assertThat(notificationEvents(id)).containsExactlyInAnyOrder(
                "notificationcreated " + order + " notification " + OWNER_URN,
                "correspondencenotificationallfailed " + id + " correspondence " + OWNER_URN);
        JsonNode notification = api.get(owner, id, "/details").json().path("notifications").get(0);
        assertThat(notification.path("processingStatus").path("status").asText()).isEqualTo("Failed");
        assertThat(notification.path("attempts").asInt()).isEqualTo(3);
        assertThat(process.waitingAt(id)).as("the lifecycle goes on").doesNotContain("Task_SendNotification");
    }

    @Test
    void aFailedChannelBesideADeliveredOneIsFailedAndDeliveredAndACustomRecipientsOrderIsNeverAllFailed() {
        String email = "delvis-" + UUID.randomUUID() + "@bedrift-a.no";
        String customMobile = mobile();
        api.party("0192:" + ORG_A, "Bedrift A AS", email, null, false);
        UUID id = published("0192:" + ORG_A, Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "EmailAndSms",
                "emailSubject", "Ny melding", "emailBody", "Til $correspondenceRecipientName$", "smsBody", "SMS til $correspondenceRecipientName$",
                // not $recipientName$: upstream refuses it beside custom addresses (3015)
                // the second custom recipient is the recipient's own address: no order of its own, as upstream dedupes
                "customRecipients", List.of(Map.of("mobileNumber", customMobile), Map.of("emailAddress", email))));

        NotificationReceivers.failNextSms(3);
        assertThatThrownBy(() -> process.execute(id, "Task_SendNotification")).hasMessageContaining("503");
        assertThatThrownBy(() -> process.execute(id, "Task_SendNotification")).hasMessageContaining("503");
        process.execute(id, "Task_SendNotification");

        assertThat(mailTo(email)).isEqualTo(1);
        assertThat(smsTo(customMobile)).isFalse();
        List<UUID> orders = notificationOrders(id);
        assertThat(orders).as("the recipient's, then the custom recipient's").hasSize(2);
        // The recipient: email sent, no mobile number → Failed and Delivered. The custom recipient: no email address
        // and its SMS failed → every channel failed, but it is not the recipient's own order → Failed, not AllFailed.
        assertThat(notificationEvents(id)).containsExactlyInAnyOrder(
                "notificationcreated " + orders.get(0) + " notification " + OWNER_URN,
                "notificationcreated " + orders.get(1) + " notification " + OWNER_URN,
                "correspondencenotificationfailed " + id + " correspondence " + OWNER_URN,
                "correspondencenotificationdelivered " + id + " correspondence " + OWNER_URN,
                "correspondencenotificationfailed " + id + " correspondence " + OWNER_URN);
    }

    @Test
    void aRecipientWithoutAnyAddressIsCreationFailedOnceAndGetsNoReminderWhileACustomRecipientIsNotifiedAndReminded() {
        String person = CorrespondenceApi.pid(240380100);
        api.party(person, "Uten Adresse", null, null, false);
        String custom = "kopi-" + UUID.randomUUID() + "@example.no";
        UUID id = published(person, Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                "emailSubject", "Ny melding", "emailBody", "Hei", "sendReminder", true,
                "reminderEmailSubject", "Påminnelse", "reminderEmailBody", "Husk meldingen",
                "customRecipients", List.of(Map.of("emailAddress", custom))));
        process.execute(id, "Task_SendNotification");
        process.execute(id, "Event_ReminderDue");
        process.execute(id, "Task_SendReminder");

        assertThat(mailTo(custom)).as("notification and reminder").isEqualTo(2);
        List<UUID> orders = notificationOrders(id);
        assertThat(orders).hasSize(2);
        UUID customOrder = orders.get(1);
        assertThat(notificationEvents(id)).containsExactlyInAnyOrder(
                "correspondencenotificationcreationfailed " + id + " correspondence " + OWNER_URN,
                "notificationcreated " + customOrder + " notification " + OWNER_URN,
                "correspondencenotificationdelivered " + id + " correspondence " + OWNER_URN,
                "correspondencenotificationreminderdelivered " + id + " correspondence " + OWNER_URN);

        JsonNode details = api.get(owner, id, "/details").json().path("notifications");
        assertThat(details).as("the recipient's failed row, the custom recipient's notification and reminder").hasSize(3);
        assertThat(details.findValuesAsText("description")).contains("The recipient has no registered email address");
        List<String> overviewOrders = new ArrayList<>();
        api.get(owner, id, "").json().path("notifications").forEach(n -> overviewOrders.add(n.path("notificationOrderId").asText(null)));
        assertThat(overviewOrders).as("an order never created has no id, as upstream's")
                .containsExactlyInAnyOrder(null, customOrder.toString(), customOrder.toString());
    }
}
