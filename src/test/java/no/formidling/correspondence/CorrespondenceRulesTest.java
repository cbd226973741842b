package no.formidling.correspondence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationRecipientExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationTemplate;
import no.formidling.web.ApiProblem;
import org.junit.jupiter.api.Test;

/** Upstream's custom-recipient and template rules (InitializeCorrespondenceHelper.ValidateCustomRecipient, the notification mapper). */
class CorrespondenceRulesTest {

    static NotificationExt email(String subject, String body, List<NotificationRecipientExt> custom, boolean override) {
        return new NotificationExt(NotificationTemplate.CustomMessage, subject, body, null, false, null, null, null,
                NotificationChannel.Email, null, null, custom, null, override, null, null);
    }

    static NotificationRecipientExt address(String email) {
        return new NotificationRecipientExt(email, null, null, null);
    }

    static String code(Runnable check) {
        Throwable t = catchThrowable(check::run);
        assertThat(t).isInstanceOf(ApiProblem.class);
        return ((ApiProblem) t).code();
    }

    @Test
    void overrideRegisteredContactInformationNeedsCustomRecipients() {
        assertThat(code(() -> CorrespondenceRules.checkNotification(email("S", "B", null, true), 1))).isEqualTo("CORR-03022");
        assertThat(code(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(), true), 1))).isEqualTo("CORR-03022");
        assertThatCode(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(address("a@b.no")), true), 1)).doesNotThrowAnyException();
    }

    @Test
    void customRecipientsOnlyWithASingleRecipient() {
        assertThat(code(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(address("a@b.no")), false), 2)))
                .isEqualTo("CORR-03017");
        assertThatCode(() -> CorrespondenceRules.checkNotification(email("S", "B", null, false), 2)).doesNotThrowAnyException();
    }

    @Test
    void eachCustomRecipientHasExactlyOneIdentifier() {
        var none = new NotificationRecipientExt(null, "", null, null);
        assertThat(code(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(none), false), 1))).isEqualTo("CORR-03019");
        var two = new NotificationRecipientExt("a@b.no", "+4799999999", null, null);
        assertThat(code(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(two), false), 1))).isEqualTo("CORR-03018");
        var orgAndPerson = new NotificationRecipientExt(null, null, "310000001", "01010100131");
        assertThat(code(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(address("a@b.no"), orgAndPerson), false), 1)))
                .isEqualTo("CORR-03018");
        var org = new NotificationRecipientExt(null, null, "310000001", null);
        assertThatCode(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(org), false), 1)).doesNotThrowAnyException();
    }

    @Test
    void recipientNameKeywordIsRefusedBesideAnAddressButNotBesideAParty() {
        assertThat(code(() -> CorrespondenceRules.checkNotification(email("Til $recipientName$", "B", List.of(address("a@b.no")), false), 1)))
                .isEqualTo("CORR-03015");
        // upstream compares ignoring case, and looks in the reminder texts too
        NotificationExt reminder = new NotificationExt(NotificationTemplate.CustomMessage, "S", "B", null, true, "P", "Hei $RECIPIENTNAME$", null,
                NotificationChannel.Email, null, null, List.of(new NotificationRecipientExt(null, "+4799999999", null, null)), null, false, null, null);
        assertThat(code(() -> CorrespondenceRules.checkNotification(reminder, 1))).isEqualTo("CORR-03015");
        var party = new NotificationRecipientExt(null, null, "310000001", null);
        assertThatCode(() -> CorrespondenceRules.checkNotification(email("Til $recipientName$", "B", List.of(party), false), 1))
                .doesNotThrowAnyException();
        assertThatCode(() -> CorrespondenceRules.checkNotification(email("Til $correspondenceRecipientName$", "B", List.of(address("a@b.no")), false), 1))
                .doesNotThrowAnyException();
        assertThatCode(() -> CorrespondenceRules.checkNotification(email("Til $recipientName$", "B", null, false), 1)).doesNotThrowAnyException();
    }

    /** A custom notification as a client sends it. */
    static NotificationExt custom(Map<String, Object> fields) {
        Map<String, Object> n = new HashMap<>(fields);
        n.putIfAbsent("notificationTemplate", "CustomMessage");
        return JsonMapper.builder().build().convertValue(n, NotificationExt.class);
    }

    static String notificationCode(Map<String, Object> fields) {
        return code(() -> CorrespondenceRules.checkNotification(custom(fields), 1));
    }

    @Test
    void eachChannelOfACustomMessageNeedsItsOwnTexts() {
        Map<String, Object> email = Map.of("emailSubject", "S", "emailBody", "B");
        Map<String, Object> both = Map.of("emailSubject", "S", "emailBody", "B", "smsBody", "SMS");
        assertThat(notificationCode(Map.of("notificationChannel", "Email", "emailBody", "B"))).isEqualTo("CORR-03002");
        assertThat(notificationCode(Map.of("emailSubject", "S"))).as("Email unless told").isEqualTo("CORR-03002");
        assertThat(notificationCode(Map.of("notificationChannel", "Sms"))).isEqualTo("CORR-03004");
        assertThat(notificationCode(with(email, "notificationChannel", "EmailPreferred"))).isEqualTo("CORR-03006");
        assertThat(notificationCode(with(Map.of("smsBody", "SMS"), "notificationChannel", "SmsPreferred"))).isEqualTo("CORR-03006");
        assertThat(notificationCode(with(email, "notificationChannel", "EmailAndSms"))).isEqualTo("CORR-03024");
        for (String channel : List.of("Email", "Sms", "EmailPreferred", "SmsPreferred", "EmailAndSms")) {
            assertThatCode(() -> CorrespondenceRules.checkNotification(custom(with(both, "notificationChannel", channel)), 1)).as(channel)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aReminderNeedsTheTextsOfItsChannelOnlyWhenOneIsSent() {
        Map<String, Object> email = Map.of("emailSubject", "S", "emailBody", "B", "sendReminder", true);
        assertThat(notificationCode(with(email, "reminderEmailBody", "R"))).isEqualTo("CORR-03003");
        assertThat(notificationCode(with(with(email, "reminderNotificationChannel", "Sms"), "reminderEmailSubject", "R"))).isEqualTo("CORR-03005");
        assertThat(notificationCode(with(email, "reminderNotificationChannel", "SmsPreferred"))).isEqualTo("CORR-03007");
        assertThat(notificationCode(with(email, "reminderNotificationChannel", "EmailAndSms"))).isEqualTo("CORR-03025");
        assertThatCode(() -> CorrespondenceRules.checkNotification(custom(with(email, "sendReminder", false)), 1)).as("no reminder")
                .doesNotThrowAnyException();
        assertThatCode(() -> CorrespondenceRules.checkNotification(custom(with(with(email, "reminderEmailSubject", "RS"), "reminderEmailBody", "RB")), 1))
                .doesNotThrowAnyException();
    }

    @Test
    void theGenericTemplateNeedsNoTextsAndNoNotificationNeedsNothing() {
        assertThatCode(() -> CorrespondenceRules.checkNotification(custom(Map.of("notificationTemplate", "GenericAltinnMessage",
                "notificationChannel", "Sms", "sendReminder", true)), 1)).doesNotThrowAnyException();
        assertThatCode(() -> CorrespondenceRules.checkNotification(null, 5)).doesNotThrowAnyException();
    }

    @Test
    void aCustomRecipientsAddressOrMobileNumberMustBeValid() {
        for (String bad : List.of("not-an-email", "a@b", "a b@c.no", "a@@b.no")) {
            assertThat(code(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(address(bad)), false), 1))).as(bad).isEqualTo("CORR-03011");
        }
        for (String bad : List.of("12", "+47abc", "0047 999 99 999", "+0123456")) {
            var mobile = new NotificationRecipientExt(null, bad, null, null);
            assertThat(code(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(mobile), false), 1))).as(bad).isEqualTo("CORR-03012");
        }
        for (String good : List.of("+4799999999", "4799999999", "+47 999 99 999")) {
            var mobile = new NotificationRecipientExt(null, good, null, null);
            assertThatCode(() -> CorrespondenceRules.checkNotification(email("S", "B", List.of(mobile), false), 1)).as(good).doesNotThrowAnyException();
        }
    }

    private static Map<String, Object> with(Map<String, Object> fields, String name, Object value) {
        Map<String, Object> more = new HashMap<>(fields);
        more.put(name, value);
        return more;
    }

    @Test
    void aTemplateNumberThatNamesNoTemplateIs3023AndAnUnknownNameABindingError() throws Exception {
        ObjectMapper json = JsonMapper.builder().build();
        assertThat(json.readValue("1", NotificationTemplate.class)).isEqualTo(NotificationTemplate.GenericAltinnMessage);
        assertThat(json.readValue("\"0\"", NotificationTemplate.class)).isEqualTo(NotificationTemplate.CustomMessage);
        assertThat(json.readValue("\"genericaltinnmessage\"", NotificationTemplate.class)).isEqualTo(NotificationTemplate.GenericAltinnMessage);
        for (String number : List.of("5", "\"7\"", "-1", "99999999999999999999", "1.5")) {
            Throwable t = catchThrowable(() -> json.readValue(number, NotificationTemplate.class));
            assertThat(t).as(number).hasRootCauseInstanceOf(ApiProblem.class);
            assertThat(((ApiProblem) rootCause(t)).code()).isEqualTo("CORR-03023");
        }
        Throwable unknown = catchThrowable(() -> json.readValue("\"Fancy\"", NotificationTemplate.class));
        assertThat(unknown).isNotNull();
        assertThat(rootCause(unknown)).isNotInstanceOf(ApiProblem.class);
    }

    static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
