package no.formidling.correspondence;

import static no.formidling.testsupport.NotificationReceivers.MAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.Test;

/** emailContentType Html sends an HTML email with a plain-text alternative; reminderEmailContentType sets the reminder's. */
class CorrespondenceHtmlEmailIT extends CorrespondenceTestBase {

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> GreenMailUtil.getHeaders(m).contains(address)).toList();
    }

    /** The leaf parts of a message by content type (text/plain, text/html), multiparts walked through. */
    static Map<String, String> parts(Part part) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                found.putAll(parts(child));
            }
        } else {
            found.put(part.getContentType().split(";")[0].trim().toLowerCase(), String.valueOf(part.getContent()).replace("\r\n", "\n"));
        }
        return found;
    }

    @Test
    void anHtmlNotificationHasAPlainTextAlternativeAndThePlainReminderIsPlainText() throws Exception {
        String person = CorrespondenceApi.pid(120385700);
        String email = "html-" + UUID.randomUUID() + "@example.no";
        api.party(person, "Kari <Bygg & Anlegg>", email, null, false);
        Map<String, Object> notification = Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                "emailSubject", "Melding til $recipientName$", "emailBody", "<p>Hei $recipientName$,</p><p>Les <b>meldingen</b>.</p>",
                "emailContentType", "Html", "sendReminder", true,
                "reminderEmailSubject", "Påminnelse", "reminderEmailBody", "Husk <meldingen>", "reminderEmailContentType", "Plain");
        UUID id = api.initializeOk(owner, CorrespondenceApi.request(RESOURCE, List.of(person), Map.of("notification", notification))).get(0);
        publish(id);
        process.execute(id, "Event_NotificationDue");
        process.execute(id, "Task_SendNotification");

        List<MimeMessage> first = mailTo(email);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).getSubject()).isEqualTo("Melding til Kari <Bygg & Anlegg>");
        Map<String, String> parts = parts(first.get(0));
        assertThat(parts.keySet()).containsExactlyInAnyOrder("text/plain", "text/html");
        assertThat(parts.get("text/html")).isEqualTo("<p>Hei Kari &lt;Bygg &amp; Anlegg&gt;,</p><p>Les <b>meldingen</b>.</p>");
        assertThat(parts.get("text/plain")).isEqualTo("Hei Kari <Bygg & Anlegg>,\n\nLes meldingen.");

        process.execute(id, "Event_ReminderDue");
        process.execute(id, "Task_SendReminder");
        List<MimeMessage> both = mailTo(email);
        assertThat(both).hasSize(2);
        MimeMessage reminder = both.get(0) == first.get(0) || both.get(0).getSubject().startsWith("Melding") ? both.get(1) : both.get(0);
        assertThat(reminder.getSubject()).isEqualTo("Påminnelse");
        assertThat(parts(reminder)).containsExactly(Map.entry("text/plain", "Husk <meldingen>"));
        assertThat(api.get(owner, id, "/details").json().path("notification").path("emailContentType").asText()).isEqualTo("Html");
    }

    @Test
    void withoutAContentTypeTheEmailStaysPlainText() throws Exception {
        String person = CorrespondenceApi.pid(120385800);
        String email = "plain-" + UUID.randomUUID() + "@example.no";
        api.party(person, "Ola Normann", email, null, false);
        Map<String, Object> notification = Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                "emailSubject", "Melding", "emailBody", "<p>Hei $recipientName$</p>");
        UUID id = api.initializeOk(owner, CorrespondenceApi.request(RESOURCE, List.of(person), Map.of("notification", notification))).get(0);
        publish(id);
        process.execute(id, "Event_NotificationDue");
        process.execute(id, "Task_SendNotification");
        assertThat(parts(mailTo(email).get(0))).containsExactly(Map.entry("text/plain", "<p>Hei Ola Normann</p>"));
    }
}
