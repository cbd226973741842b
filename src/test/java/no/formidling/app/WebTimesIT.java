package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.ORG_A;
import static no.formidling.testsupport.BrokerApi.ORG_B;
import static no.formidling.testsupport.BrokerApi.WRITE_READ;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Times on the pages are Oslo times with their offset, so nobody has to guess which zone a time is in. */
@IntegrationTest
class WebTimesIT extends WebPageSupport {
    private static final DateTimeFormatter OSLO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx").withZone(ZoneId.of("Europe/Oslo"));
    private static final String WITH_OFFSET = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{2}:\\d{2}";

    @Test
    void sentAndInboxShowOsloTimesWithTheirOffset() {
        UUID id = publishedTransfer("times-" + UUID.randomUUID() + ".txt", "tid".getBytes());
        OffsetDateTime created = OffsetDateTime.parse(api.overview(api.token(ORG_A, WRITE_READ), id).path("created").asText());

        signIn(ORG_A);
        browser.get(url("/app/sent"));
        assertThat(liveText("sent", id, "td:nth-child(4)")).isEqualTo(OSLO.format(created));
        assertAccessible("sent-times");

        browser.manage().deleteAllCookies();
        signIn(ORG_B);
        row("inbox", id).findElement(By.tagName("summary")).click();
        List<WebElement> history = row("inbox", id).findElements(By.cssSelector("ol.history time"));
        assertThat(history).isNotEmpty();
        assertThat(history).allSatisfy(t -> assertThat(t.getText()).matches(WITH_OFFSET));
        assertAccessible("inbox-times");
    }
}
