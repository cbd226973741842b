package no.formidling.ops;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.Chromium;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The operator console over plain HTTP with a signed-in session: a dead-lettered event delivery shows up on /ops and
 * its "Send again" form (with the CSRF token) delivers it; the health strip reports SMTP configured but unreachable and
 * the scanner not configured; the dead-letters table passes axe-core in a real browser.
 */
@IntegrationTest
// Its own context (SMTP set) delivers events too; closing it after the class keeps its workers from taking other
// tests' deliveries (EventDeliveryIT counts them on its own meters). Its engine has a name of its own: closing an
// engine unregisters its name from Camunda's static registry, and under "default" that took the shared context's
// engine away from /engine-rest for the tests after it.
@DirtiesContext
@TestPropertySource(properties = {
        "camunda.bpm.process-engine-name=ops-dead-letters",
        "formidling.events.delivery.enabled=true",
        "formidling.events.delivery.poll-interval=PT0.05S",
        "formidling.events.delivery.retry-delays=PT0.2S,PT0.2S",
        "spring.mail.host=127.0.0.1",
        "formidling.ops.health-timeout=PT1S"})
class OpsDeadLettersIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    static WebhookReceiver receiver;

    @LocalServerPort
    int port;
    HttpClient browser;
    BrokerApi api;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** SMTP on a port nobody listens on: configured, and down. */
    @DynamicPropertySource
    static void unreachableSmtp(DynamicPropertyRegistry registry) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        registry.add("spring.mail.port", () -> closed);
    }

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Language", "en").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String path, String csrf, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        fields.forEach((k, v) -> body.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept-Language", "en")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        return m.group(1);
    }

    String signInAsOperator() throws Exception {
        String token = csrf(get("/app/signin").body());
        HttpResponse<String> signedIn = postForm("/app/signin", token, Map.of("who", "operator"));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        HttpResponse<String> console = get("/ops");
        assertThat(console.uri().getPath()).as("an operator may see the console").isEqualTo("/ops");
        return console.body();
    }

    /** The console row of the dead delivery about {@code transfer}, or null. */
    static String deadRow(String page, UUID transfer) {
        Matcher m = Pattern.compile("<tr[^>]*data-transfer=\"" + transfer + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(page);
        return m.find() ? m.group(0) : null;
    }

    /** A transfer whose initialized event goes to a subscriber at {@code endpoint} that answers 500: dead-lettered. */
    UUID deadLetteredTransfer(String endpoint) {
        String resource = "it-ops-events-" + UUID.randomUUID().toString().substring(0, 8);
        api.createResource(resource, List.of(ORG_A, ORG_B), Map.of());
        String sender = api.token(ORG_A, WRITE_READ);
        String subscriber = api.token(ORG_A, "altinn:events.subscribe");
        BrokerApi.Response subscribed = api.postJson("/events/api/v1/subscriptions", subscriber, Map.of(
                "endPoint", receiver.endpoint(endpoint), "resourceFilter", "urn:altinn:resource:" + resource,
                "typeFilter", "no.altinn.broker.filetransferinitialized"));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        long subscription = subscribed.json().get("id").asLong();
        await().atMost(WAIT).until(() -> api.get("/events/api/v1/subscriptions/" + subscription, subscriber).json().get("validated").asBoolean());
        receiver.answer(endpoint, 500);
        return api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
    }

    @Test
    void aDeadLetteredDeliveryIsListedAndSentAgainFromTheConsole() throws Exception {
        UUID transfer = deadLetteredTransfer("ops-down");

        String console = signInAsOperator();
        await().atMost(WAIT).until(() -> deadRow(get("/ops").body(), transfer) != null);
        console = get("/ops").body();
        String row = deadRow(console, transfer);
        assertThat(row).contains("filetransferinitialized").contains(receiver.endpoint("ops-down").replace("&", "&amp;"))
                .contains("<td>3</td>").contains("HTTP 500").contains("Send again");
        Matcher action = Pattern.compile("action=\"(/ops/events/(\\d+)/redrive)\"").matcher(row);
        assertThat(action.find()).as("a re-drive form per row").isTrue();

        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("without the CSRF token").isEqualTo(403);
        OpsDeadLettersIT organisation = new OpsDeadLettersIT();
        organisation.port = port;
        organisation.setUp();
        organisation.postForm("/app/signin", csrf(organisation.get("/app/signin").body()), Map.of("who", ORG_A));
        HttpResponse<String> notOperator = organisation.postForm(action.group(1), csrf(organisation.get("/app/inbox").body()), Map.of());
        assertThat(notOperator.uri().getPath() + " " + notOperator.statusCode()).as("an organisation may not re-drive")
                .isEqualTo("/app/signin 200");
        assertThat(deadRow(get("/ops").body(), transfer)).as("still dead").isNotNull();
        assertThat(receiver.all("ops-down").stream().filter(r -> r.body().path("resourceinstance").asText().equals(transfer.toString())))
                .as("three attempts and nothing more").hasSize(3);

        receiver.answer("ops-down", 200);
        HttpResponse<String> redriven = postForm(action.group(1), csrf(console), Map.of());
        assertThat(redriven.statusCode()).isEqualTo(200);
        assertThat(redriven.body()).contains("Delivery " + action.group(2) + " will be sent again now.");
        await().atMost(WAIT).untilAsserted(() -> assertThat(receiver.accepted("ops-down").stream()
                .filter(r -> r.body().path("resourceinstance").asText().equals(transfer.toString()))).hasSize(1));
        assertThat(deadRow(get("/ops").body(), transfer)).as("gone from the list once delivered").isNull();

        HttpResponse<String> again = postForm(action.group(1), csrf(get("/ops").body()), Map.of());
        assertThat(again.body()).as("re-driving twice sends nothing").contains("is not in the list of failed deliveries any more");
    }

    /** The dead-letters table in a real browser: axe-core finds no serious or critical WCAG 2.1 AA violation. */
    @Test
    void theDeadLettersTableIsAccessibleInTheBrowser() throws Exception {
        UUID transfer = deadLetteredTransfer("ops-down-axe");
        signInAsOperator();
        await().atMost(WAIT).until(() -> deadRow(get("/ops").body(), transfer) != null);
        Path work = Files.createTempDirectory("ops-dead-letters-it");
        ChromeDriver chromium = Chromium.start(work, work.resolve("downloads"), "nb-NO,nb");
        try {
            chromium.get("http://localhost:" + port + "/app/signin");
            chromium.findElement(By.id("who-operator")).click();
            chromium.findElement(By.id("signin")).click();
            WebElement row = chromium.findElement(By.cssSelector("#dead-letter-table tr[data-transfer='" + transfer + "']"));
            assertThat(row.findElement(By.tagName("button")).getText()).isEqualTo("Send på nytt");
            chromium.executeScript("document.getElementById('dead-letters').scrollIntoView()");
            Chromium.assertAccessible(chromium, "ops-dead-letters");
        } finally {
            chromium.quit();
            FileSystemUtils.deleteRecursively(work);
        }
    }

    @Test
    void healthStripShowsSmtpDownAndScannerNotConfigured() throws Exception {
        String console = signInAsOperator();
        assertThat(console).containsPattern("data-component=\"mail\" data-state=\"DOWN\"")
                .containsPattern("data-component=\"scanner\" data-state=\"OFF\"")
                .containsPattern("data-component=\"database\" data-state=\"UP\"");
    }
}
