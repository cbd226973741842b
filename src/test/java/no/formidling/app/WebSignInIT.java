package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.DEMO_RESOURCE;
import static no.formidling.testsupport.BrokerApi.ORG_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The sign-in page in a real browser: accessible names, the focus indicator's contrast, CSRF on every form, and
 * Norwegian when the browser asks for it.
 */
@IntegrationTest
class WebSignInIT extends WebPageSupport {
    /** A JavaScript function contrast(a, b): the WCAG contrast ratio of two CSS rgb()/rgba() colours. */
    private static final String CONTRAST = """
            const luminance = c => {
              const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
                  .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            """;

    @Test
    void signInPageIsAccessibleAndFormsNeedTheCsrfToken() throws Exception {
        browser.get(url("/app/signin"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
        // Two forms, two buttons: each says which sign-in it is, to the eye and to a screen reader's list of buttons.
        assertThat(browser.findElement(By.id("signin")).getAccessibleName()).isEqualTo("Sign in as organisation");
        assertThat(browser.findElement(By.id("signin-person")).getAccessibleName()).isEqualTo("Sign in as person");
        assertThat(browser.findElement(By.id("signin-person")).getText()).isEqualTo("Sign in as person");
        // The focus indicator stands out at 3:1 or more (WCAG 2.2) on the white page, and its inner ring on the blue header.
        browser.executeScript("document.getElementById('signin').focus();");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.switchTo().activeElement().getAttribute("id").equals("signin"));
        assertThat(((Number) browser.executeScript(CONTRAST + """
                const s = getComputedStyle(document.activeElement);
                return s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2 ? 0 : contrast(s.outlineColor, 'rgb(255, 255, 255)');""")).doubleValue())
                .as("focus outline against the white page").isGreaterThanOrEqualTo(3);
        assertThat(((Number) browser.executeScript(CONTRAST + """
                const ring = getComputedStyle(document.activeElement).boxShadow.match(/rgba?\\([^)]*\\)/);
                return ring ? contrast(ring[0], getComputedStyle(document.querySelector('header.top')).backgroundColor) : 0;""")).doubleValue())
                .as("focus ring against the blue header").isGreaterThanOrEqualTo(3);
        assertAccessible("signin");
        browser.get(url("/app/inbox"));
        assertThat(browser.getCurrentUrl()).as("pages need a sign-in").endsWith("/app/signin");

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(url("/app/signin")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("who=" + ORG_A)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a form post without the CSRF token").isEqualTo(403);
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(url("/broker/api/v1/filetransfer?resourceId=" + DEMO_RESOURCE))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).as("the API chain still wants a bearer token").isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void pagesSpeakNorwegianWhenTheBrowserAsksForIt() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (var language : Map.of("nb-NO,nb;q=0.9", "Logg inn", "no", "Logg inn", "en-GB,en;q=0.8", "Sign in", "de-DE", "Sign in").entrySet()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url("/app/signin")))
                    .header("Accept-Language", language.getKey()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).as(language.getKey()).contains("<h1>" + language.getValue() + "</h1>");
        }
        HttpResponse<String> norwegian = http.send(HttpRequest.newBuilder(URI.create(url("/app/signin")))
                .header("Accept-Language", "nb-NO").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(norwegian.body()).contains(">Logg inn som virksomhet</button>").contains(">Logg inn som person</button>");
    }

}
