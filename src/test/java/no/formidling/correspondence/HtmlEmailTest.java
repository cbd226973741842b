package no.formidling.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import no.formidling.correspondence.InitializeCorrespondencesExt.EmailContentType;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationTemplate;
import org.junit.jupiter.api.Test;

/** emailContentType / reminderEmailContentType as upstream maps them, and the plain-text alternative of an HTML body. */
class HtmlEmailTest {

    static NotificationExt types(EmailContentType main, EmailContentType reminder) {
        return new NotificationExt(NotificationTemplate.CustomMessage, "S", "B", null, true, "RS", "RB", null,
                NotificationChannel.Email, null, null, List.of(), null, false, main, reminder);
    }

    @Test
    void plainUnlessGivenAndTheReminderFallsBackToTheFirstNotificationsType() {
        assertThat(types(null, null).htmlEmail(false)).isFalse();
        assertThat(types(null, null).htmlEmail(true)).isFalse();
        assertThat(types(EmailContentType.Html, null).htmlEmail(false)).isTrue();
        assertThat(types(EmailContentType.Html, null).htmlEmail(true)).isTrue();
        assertThat(types(EmailContentType.Html, EmailContentType.Plain).htmlEmail(true)).isFalse();
        assertThat(types(EmailContentType.Plain, EmailContentType.Html).htmlEmail(true)).isTrue();
        assertThat(types(EmailContentType.Plain, EmailContentType.Html).htmlEmail(false)).isFalse();
    }

    @Test
    void thePlainTextAlternativeKeepsTheTextLinksAndParagraphs() {
        String html = """
                <html><head><style>p { color: red }</style></head><body>
                <h1>Ny melding</h1>
                <p>Hei Bygg &amp; Anlegg,<br>du har f&aring;tt <b>en melding</b>.</p>
                <ul><li>Les den</li><li>Svar innen fredag</li></ul>
                <p>Logg inn p&aring; <a href="https://altinn.no">Altinn</a>.</p><!-- sporing -->
                </body></html>""";
        assertThat(HtmlText.toPlainText(html)).isEqualTo("""
                Ny melding

                Hei Bygg & Anlegg,
                du har fått en melding.

                - Les den

                - Svar innen fredag

                Logg inn på Altinn (https://altinn.no).""");
    }
}
