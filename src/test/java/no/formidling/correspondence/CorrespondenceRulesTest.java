package no.formidling.correspondence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
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
