package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.DEMO_RESOURCE;
import static no.formidling.testsupport.BrokerApi.ORG_A;
import static no.formidling.testsupport.BrokerApi.ORG_B;
import static no.formidling.testsupport.BrokerApi.WRITE_READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * What the browser tests of the pages share: one headless Chromium per test class (English), sign-in, a published
 * transfer made over the API, the rows of the live tables, and the send page's uploads under a throttled network.
 */
abstract class WebPageSupport {
    static ChromeDriver browser;
    static Path work;
    static Path downloads;

    @LocalServerPort
    int port;
    @TempDir
    Path tmp;
    BrokerApi api;

    @BeforeAll
    static void startBrowser() throws Exception {
        work = Files.createTempDirectory("web-pages-it");
        downloads = work.resolve("downloads");
        browser = Chromium.start(work, downloads, "en-US,en");
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        FileSystemUtils.deleteRecursively(work);
    }

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        browser.manage().deleteAllCookies();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void signIn(String who) {
        browser.get(url("/app/signin"));
        browser.findElement(By.id("who-" + who)).click();
        Chromium.submit(browser, By.id("signin"));
    }

    /** axe-core's WCAG 2.1 A/AA rules, and Label in Name (WCAG 2.5.3), which axe counts as experimental and leaves off otherwise. */
    void assertAccessible(String page) {
        Chromium.assertAccessible(browser, page, List.of(Chromium.LABEL_IN_NAME));
    }

    UUID publishedTransfer(String fileName, byte[] bytes) {
        String sender = api.token(ORG_A, WRITE_READ);
        UUID id = api.initializeOk(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("fileName", fileName));
        assertThat(api.upload(sender, id, bytes).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.status(sender, id).equals("Published"));
        return id;
    }

    /** Text in a row of a table the page refreshes by itself: read again when the row was swapped while reading. */
    String liveText(String tableId, UUID id, String cell) {
        for (int attempt = 0; ; attempt++) {
            try {
                return row(tableId, id).findElement(By.cssSelector(cell)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException swapped) {
                if (attempt == 10) {
                    throw swapped;
                }
            }
        }
    }

    WebElement row(String tableId, UUID id) {
        return browser.findElement(By.cssSelector("#" + tableId + " tr[data-transfer='" + id + "']"));
    }

    static org.openqa.selenium.chromium.ChromiumNetworkConditions throttled(int bytesPerSecond) {
        var conditions = new org.openqa.selenium.chromium.ChromiumNetworkConditions();
        conditions.setUploadThroughput(bytesPerSecond);
        conditions.setDownloadThroughput(bytesPerSecond);
        conditions.setLatency(Duration.ofMillis(5));
        return conditions;
    }

    void chooseAndSend(Path file) {
        WebElement recipient = browser.findElement(By.id("recipient-" + ORG_B));
        if (!recipient.isSelected()) {
            recipient.click();
        }
        browser.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("send")).click();
    }

    /** Waits until the upload's progress bar shows at least {@code percent}. */
    static void awaitPercent(WebElement upload, int percent) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String shown = upload.getAttribute("data-percent");
            return shown != null && Integer.parseInt(shown) >= percent;
        });
    }

    WebElement upload(Path file) {
        By selector = By.cssSelector("#uploads li.upload[data-file='" + file.getFileName() + "']");
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(selector).isEmpty());
        return browser.findElement(selector);
    }

    void assertReceived(UUID id, byte[] bytes) {
        String recipient = api.token(ORG_B, WRITE_READ);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.status(recipient, id).equals("Published"));
        BrokerApi.Response download = api.download(recipient, id, null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().body()).as("the recipient gets the bytes the page sent").isEqualTo(bytes);
    }
}
