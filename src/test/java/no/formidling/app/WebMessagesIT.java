package no.formidling.app;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.Chromium;
import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Correspondence messages in a real browser: a person signs in (picked from the party register, or typed and
 * mod-11 checked), reads a message (the API then says Read), downloads its attachment and confirms it; an
 * organisation sees only its own messages. Pages checked with axe-core; screenshots under target/screenshots.
 */
@IntegrationTest
class WebMessagesIT extends WebPageSupport {
    static final String RESOURCE = "web-messages";
    static final String ORG_B = "310000002";
    static final String READ = "altinn:correspondence.read";

    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    CorrespondenceApi correspondence;
    String owner;

    @BeforeEach
    void setUpCorrespondence() {
        correspondence = new CorrespondenceApi(port);
        correspondence.resource(RESOURCE, "Tilskudd til næring");
        owner = correspondence.ownerToken();
    }

    private UUID attachment(String fileName, byte[] content) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resourceId", RESOURCE);
        body.put("fileName", fileName);
        body.put("displayName", "Vedtaket");
        body.put("sendersReference", "att-" + UUID.randomUUID());
        body.put("checksum", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)));
        BrokerApi.Response init = correspondence.http().postJson(BASE + "/attachment", owner, body);
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        UUID id = UUID.fromString(init.json().asText());
        BrokerApi.Response upload = correspondence.http().send(correspondence.http().request(BASE + "/attachment/" + id + "/upload", owner)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        return id;
    }

    /** Sends one message to each recipient and publishes it as the job executor would; ids in recipient order. */
    private List<UUID> published(String title, List<String> recipients, Map<String, Object> extra) {
        Map<String, Object> body = CorrespondenceApi.request(RESOURCE, recipients, extra);
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) body.get("correspondence")).get("content");
        content.put("messageTitle", title);
        content.put("messageBody", "## Vedtak\n\nHei,\n\nvi har behandlet søknaden din om **tilskudd**.");
        if (extra.containsKey("existingAttachments")) {
            body.put("existingAttachments", extra.get("existingAttachments"));
            ((Map<?, ?>) body.get("correspondence")).remove("existingAttachments");
        }
        List<UUID> ids = correspondence.initializeOk(owner, body);
        ProcessDriver process = new ProcessDriver(runtime, management);
        for (UUID id : ids) {
            process.execute(id, "Task_ScanAttachments");
            assertThat(correspondence.status(owner, id)).isEqualTo("Published");
        }
        return ids;
    }

    private WebElement row(UUID id) {
        return browser.findElement(By.cssSelector("#messages tr[data-message='" + id + "']"));
    }

    private List<String> listedIds() {
        List<String> ids = new ArrayList<>();
        browser.findElements(By.cssSelector("#messages tr[data-message]")).forEach(r -> ids.add(r.getDomAttribute("data-message")));
        return ids;
    }

    @Test
    void aPersonReadsDownloadsAndConfirmsAMessageAndTheApiSeesWhatThePageDid() throws Exception {
        String pid = CorrespondenceApi.pid(100_000_000L + new Random().nextInt(800_000_000));
        assertThat(correspondence.party(pid, "Åse Ørnes-Læstad", "ase@example.no", null, false).status()).isEqualTo(200);
        byte[] bytes = new byte[180_000];
        new Random(7).nextBytes(bytes);
        String fileName = "Vedtak om støtte " + UUID.randomUUID().toString().substring(0, 6) + ".pdf";
        UUID file = attachment(fileName, bytes);
        String title = "Vedtak om tilskudd – " + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = published(title, List.of(pid, "0192:" + ORG_B), Map.of("isConfirmationNeeded", true, "messageSender", "Statens tilskuddskontor",
                "dueDateTime", OffsetDateTime.now().plusDays(14).toString(), "existingAttachments", List.of(file.toString())));
        UUID mine = ids.get(0);
        UUID orgs = ids.get(1);

        browser.get(url("/app/signin"));
        browser.findElement(By.id("person-" + pid)).click();
        Chromium.submit(browser, By.id("signin-person"));
        assertThat(browser.getCurrentUrl()).endsWith("/app/messages");
        assertThat(browser.findElement(By.cssSelector(".top .who")).getText()).isEqualTo("Åse Ørnes-Læstad");
        assertThat(browser.findElements(By.linkText("Send"))).as("a person does not send files").isEmpty();
        assertThat(row(mine).getText()).contains(title).contains("Statens tilskuddskontor").contains("New").contains("Asks you to confirm");
        assertThat(row(mine).findElements(By.cssSelector(".unread-marker"))).as("unread").hasSize(1);
        String personal = correspondence.personToken(pid, READ);
        List<String> apiIds = new ArrayList<>();
        BrokerApi.Response search = correspondence.http().get(BASE + "/correspondence?resourceId=" + RESOURCE + "&role=Recipient", personal);
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        search.json().path("ids").forEach(n -> apiIds.add(n.asText()));
        assertThat(listedIds()).as("the page lists what the API's recipient search finds").containsExactlyInAnyOrderElementsOf(apiIds);
        assertThat(listedIds()).doesNotContain(orgs.toString());
        assertAccessible("messages");
        System.out.printf("Messages page load in the browser: %s ms%n",
                browser.executeScript("return Math.round(performance.getEntriesByType('navigation')[0].duration);"));

        row(mine).findElement(By.cssSelector("a.open")).click();
        assertThat(browser.findElement(By.id("message-title")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.id("message-body")).getText()).contains("vi har behandlet søknaden din om tilskudd.");
        assertThat(browser.findElement(By.cssSelector("#message-body h2")).getText()).as("Markdown shown formatted").isEqualTo("Vedtak");
        assertThat(browser.findElement(By.cssSelector("#message-body strong")).getText()).isEqualTo("tilskudd");
        assertThat(correspondence.status(owner, mine)).as("opening the page is reading it").isEqualTo("Read");
        assertAccessible("message");

        browser.findElement(By.cssSelector("li[data-attachment='" + file + "'] a.download")).click();
        Path downloaded = downloads.resolve(fileName);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(downloaded) && Files.size(downloaded) == bytes.length);
        assertThat(Files.readAllBytes(downloaded)).as("the browser's download has the sent bytes").isEqualTo(bytes);
        assertThat(correspondence.status(owner, mine)).isEqualTo("AttachmentsDownloaded");

        Chromium.submit(browser, By.id("confirm"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .isEqualTo("You confirmed that you received the message. The sender can see it.");
        assertThat(browser.findElement(By.id("confirmed")).getText()).isEqualTo("You have confirmed that you received this message.");
        assertThat(browser.findElements(By.id("confirm"))).isEmpty();
        assertThat(correspondence.status(owner, mine)).isEqualTo("Confirmed");

        browser.get(url("/app/messages"));
        assertThat(row(mine).findElements(By.cssSelector(".unread-marker"))).as("read now").isEmpty();
        assertThat(row(mine).findElement(By.cssSelector("td.status")).getText()).isEqualTo("Confirmed");

        // Someone else's message, by its address: a sentence, nothing of its content, and still unread for its owner.
        browser.get(url("/app/messages/" + orgs));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).isEqualTo("You do not have access to that message.");
        assertThat(browser.getPageSource()).doesNotContain(title).doesNotContain("CORR-");
        assertThat(correspondence.status(owner, orgs)).isEqualTo("Published");
        browser.get(url("/app/inbox"));
        assertThat(browser.getCurrentUrl()).as("a person has no Broker inbox").contains("/app/signin?denied");
    }

    @Test
    void anOrganisationSeesItsOwnMessagesAndConfirmingTwiceIsASentence() throws Exception {
        String title = "Melding til virksomheten " + UUID.randomUUID().toString().substring(0, 8);
        UUID id = published(title, List.of("0192:" + ORG_B), Map.of("isConfirmationNeeded", true,
                "dueDateTime", OffsetDateTime.now().plusDays(3).toString())).get(0);

        browser.get(url("/app/signin"));
        browser.findElement(By.id("who-" + ORG_B)).click();
        Chromium.submit(browser, By.id("signin"));
        assertThat(browser.findElement(By.cssSelector(".top .who")).getText()).isEqualTo("Organisation " + ORG_B);
        assertThat(browser.findElements(By.linkText("Send"))).as("an organisation still sends files").hasSize(1);
        browser.findElement(By.linkText("Messages")).click();
        assertThat(row(id).getText()).contains(title).contains("New");
        row(id).findElement(By.cssSelector("a.open")).click();
        String confirmPage = browser.getCurrentUrl();
        // A second tab confirmed already: this page's form is then refused with the API's rule, as a sentence.
        assertThat(correspondence.post(correspondence.orgToken(ORG_B, READ), id, "confirm").status()).isEqualTo(200);
        browser.findElement(By.id("confirm")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(confirmPage);
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).isEqualTo("You have already confirmed this message.");
        assertThat(browser.findElement(By.id("confirmed")).isDisplayed()).isTrue();
    }

    @Test
    void aTypedNationalIdentityNumberIsCheckedAndAPersonWithoutMessagesSeesASentence() {
        browser.get(url("/app/signin"));
        browser.findElement(By.id("pid")).sendKeys("12345678901");
        Chromium.submit(browser, By.id("signin-person"));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).startsWith("That is not a valid national identity number.");
        browser.get(url("/app/messages"));
        assertThat(browser.getCurrentUrl()).as("not signed in").endsWith("/app/signin");

        String pid = CorrespondenceApi.pid(900_000_000L + new Random().nextInt(90_000_000));
        browser.findElement(By.id("pid")).sendKeys(pid.substring(0, 6) + " " + pid.substring(6));
        Chromium.submit(browser, By.id("signin-person"));
        assertThat(browser.getCurrentUrl()).endsWith("/app/messages");
        assertThat(browser.findElement(By.cssSelector(".top .who")).getText()).isEqualTo(pid);
        assertThat(browser.findElement(By.cssSelector("p.empty")).getText()).isEqualTo("You have no messages.");
    }
}
