package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.DEMO_RESOURCE;
import static no.formidling.testsupport.BrokerApi.ORG_A;
import static no.formidling.testsupport.BrokerApi.ORG_B;
import static no.formidling.testsupport.BrokerApi.WRITE_READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.formidling.bridge.run.JobCatalog;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.Chromium;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * The pages in a real browser (headless Chromium): sign-in, inbox with download and confirm, sent with live
 * statuses, access rules, the operator console with a bad file and a restarted run; every page checked with axe-core
 * and saved as a screenshot under target/screenshots.
 */
@IntegrationTest
class WebPagesIT {
    static ChromeDriver browser;
    static Path work;
    static Path downloads;

    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
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

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void signIn(String who) {
        browser.get(url("/app/signin"));
        browser.findElement(By.id("who-" + who)).click();
        Chromium.submit(browser, By.id("signin"));
    }

    /** axe-core's WCAG 2.1 A/AA rules, and Label in Name (WCAG 2.5.3), which axe counts as experimental and leaves off otherwise. */
    private void assertAccessible(String page) {
        Chromium.assertAccessible(browser, page, List.of(Chromium.LABEL_IN_NAME));
    }

    /** A JavaScript function contrast(a, b): the WCAG contrast ratio of two CSS rgb()/rgba() colours. */
    private static final String CONTRAST = """
            const luminance = c => {
              const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => v / 255)
                  .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
            """;

    /**
     * The words of {@code fileName}, shown in table {@code tableId}, that the browser splits over two lines ("" when
     * none), or "missing" while the name is not on the page yet.
     */
    private String wordsSplitIn(String tableId, String fileName) {
        return (String) browser.executeScript("""
                const name = arguments[1];
                const span = [...document.querySelectorAll('#' + arguments[0] + ' .filename')].find(e => e.textContent === name);
                if (!span) return 'missing';
                const text = span.firstChild, split = [];
                let from = 0;
                for (const word of name.split(' ')) {
                  const at = name.indexOf(word, from), range = document.createRange();
                  range.setStart(text, at);
                  range.setEnd(text, at + word.length);
                  from = at + word.length;
                  if (range.getClientRects().length > 1) split.push(word);
                }
                return split.join(' ');""", tableId, fileName);
    }

    private UUID publishedTransfer(String fileName, byte[] bytes) {
        String sender = api.token(ORG_A, WRITE_READ);
        UUID id = api.initializeOk(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("fileName", fileName));
        assertThat(api.upload(sender, id, bytes).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.status(sender, id).equals("Published"));
        return id;
    }

    /** Text in a row of a table the page refreshes by itself: read again when the row was swapped while reading. */
    private String liveText(String tableId, UUID id, String cell) {
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

    private WebElement row(String tableId, UUID id) {
        return browser.findElement(By.cssSelector("#" + tableId + " tr[data-transfer='" + id + "']"));
    }

    @Test
    void recipientDownloadsAndConfirmsInTheBrowserAndTheSendersPageFollowsWithoutReload() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(14).nextBytes(bytes);
        String fileName = "web-" + UUID.randomUUID() + ".bin";
        UUID id = publishedTransfer(fileName, bytes);

        signIn(ORG_B);
        assertThat(browser.getCurrentUrl()).endsWith("/app/inbox");
        WebElement inboxRow = row("inbox", id);
        assertThat(inboxRow.getText()).contains(fileName).contains(ORG_A).contains("Not downloaded");
        assertAccessible("inbox");

        // Confirming before downloading is refused with a sentence, not JSON.
        Chromium.submit(browser, By.cssSelector("#inbox tr[data-transfer='" + id + "'] button.confirm"));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).isEqualTo("Download the file before you confirm it.");

        row("inbox", id).findElement(By.cssSelector("a.download")).click();
        Path downloaded = downloads.resolve(fileName);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(downloaded) && Files.size(downloaded) == bytes.length);
        assertThat(Files.readAllBytes(downloaded)).as("the browser's download has the sent bytes").isEqualTo(bytes);

        browser.navigate().refresh();
        assertThat(row("inbox", id).findElement(By.cssSelector("td.status")).getText()).contains("Downloaded");
        Chromium.submit(browser, By.cssSelector("#inbox tr[data-transfer='" + id + "'] button.confirm"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains(fileName);
        assertThat(row("inbox", id).findElement(By.cssSelector("td.status")).getText()).contains("Confirmed");
        assertThat(row("inbox", id).findElements(By.cssSelector("button.confirm"))).isEmpty();

        // The sender's page, left open, follows a second recipient action without a reload.
        UUID second = publishedTransfer("second-" + fileName, new byte[] {1, 2, 3});
        browser.findElement(By.cssSelector("button.link")).click();
        signIn(ORG_A);
        browser.get(url("/app/sent"));
        assertThat(liveText("sent", id, "td.status")).isEqualTo("Confirmed by all");
        assertThat(liveText("sent", id, "li[data-recipient='0192:" + ORG_B + "']")).contains("Confirmed");
        assertThat(liveText("sent", second, "td.status")).isEqualTo("Ready for download");
        browser.executeScript("window.sameDocument = true;");
        String recipient = api.token(ORG_B, WRITE_READ);
        assertThat(api.download(recipient, second, null).status()).isEqualTo(200);
        assertThat(api.confirm(recipient, second).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> liveText("sent", second, "td.status").equals("Confirmed by all"));
        assertThat(browser.executeScript("return window.sameDocument === true;")).as("updated without a reload").isEqualTo(true);
        assertAccessible("sent");

        // On a phone: nothing wider than the screen but the tables, which scroll inside their own box.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(url("/app/inbox"));
            assertThat(browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("the page fits a phone's width; wider: %s", browser.executeScript("""
                            return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                                .filter(e => !e.closest('.table-scroll, table')).slice(0, 8)
                                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').trim().slice(0, 40)).join(' | ')
                                + ' / innerWidth ' + window.innerWidth + ' scrollWidth ' + document.documentElement.scrollWidth;""")).isEqualTo(true);
            System.out.printf("Inbox page load in the browser: %s ms%n",
                    browser.executeScript("return Math.round(performance.getEntriesByType('navigation')[0].duration);"));
            assertAccessible("inbox-phone");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    /** File names wrap between words in the Inbox and Sent tables, not inside one (the style once broke anywhere). */
    @Test
    void fileNamesWrapAtWordBoundariesInTheTables() {
        String fileName = "Årsrapport for 2026 endelig.pdf";
        publishedTransfer(fileName, new byte[] {4, 5, 6});
        signIn(ORG_B);
        browser.get(url("/app/inbox"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !wordsSplitIn("inbox", fileName).equals("missing"));
        assertThat(wordsSplitIn("inbox", fileName)).as("words split over two lines in the inbox").isEmpty();
        assertThat(browser.executeScript("return getComputedStyle(document.querySelector('#inbox .filename')).wordBreak;"))
                .as("a break inside a word only for a name too long for its line").isNotEqualTo("break-all");

        browser.manage().deleteAllCookies();
        signIn(ORG_A);
        browser.get(url("/app/sent"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !wordsSplitIn("sent", fileName).equals("missing"));
        assertThat(wordsSplitIn("sent", fileName)).as("words split over two lines in sent").isEmpty();
        assertThat(browser.executeScript("return getComputedStyle(document.querySelector('#sent .filename')).wordBreak;"))
                .isNotEqualTo("break-all");
    }

    @Test
    void sendPageOffersTheResourcesAndRecipientsOfTheOrganisation() {
        signIn(ORG_A);
        browser.get(url("/app/send"));
        assertThat(browser.findElement(By.cssSelector("#resource option[value='" + DEMO_RESOURCE + "']")).isSelected()).isTrue();
        assertThat(browser.findElements(By.id("recipient-" + ORG_B))).hasSize(1);
        assertThat(browser.findElements(By.id("recipient-" + ORG_A))).as("not to itself").isEmpty();
        browser.findElement(By.id("send")).click();
        assertThat(browser.findElement(By.id("send-problem")).getText()).isEqualTo("Choose at least one file.");
        assertAccessible("send-empty");
    }

    /** Waits for the TUS endpoint (branch tus): a 20 MB upload with a moving progress bar, then a reload mid-upload that resumes. */
    @Test
    void sendsA20MegabyteFileWithProgressAndResumesAnUploadAfterAReload() throws Exception {
        byte[] bytes = new byte[20 * 1024 * 1024];
        new Random(20).nextBytes(bytes);
        Path first = tmp.resolve("big-" + UUID.randomUUID() + ".bin");
        Files.write(first, bytes);
        signIn(ORG_A);
        browser.get(url("/app/send"));
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        browser.setNetworkConditions(throttled(8 * 1024 * 1024));
        try {
            chooseAndSend(first);
            WebElement upload = upload(first);
            java.util.Set<Integer> seen = new java.util.TreeSet<>();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                String percent = upload.getAttribute("data-percent");
                if (percent != null) {
                    seen.add(Integer.parseInt(percent));
                }
                return "true".equals(upload.getAttribute("data-done"));
            });
            seen.add(Integer.parseInt(upload.getAttribute("data-percent")));
            assertThat(seen).as("the progress bar moved through intermediate values").anyMatch(p -> p > 0 && p < 100).contains(100);
            assertThat(upload.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
            assertThat(upload.findElement(By.className("progress-text")).getText()).contains("20.0 MiB").contains("100 %").contains("MiB/s");
            UUID id = UUID.fromString(upload.getAttribute("data-transfer"));
            String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
            assertThat(upload.getAttribute("data-md5")).as("the browser's own MD5, sent as the transfer's checksum").isEqualTo(md5);
            await().atMost(Duration.ofSeconds(30)).until(() -> upload.getText()
                    .contains("MD5 computed in your browser and verified by the server: " + md5));
            assertAccessible("send");
            assertReceived(id, bytes);
            assertThat(browser.manage().getCookieNamed("JSESSIONID").getValue())
                    .as("the API's TUS calls leave the page session (its cookie rides along) as it was").isEqualTo(session);

            // A second upload, cut off by a reload, continues from where it stopped when the same file is chosen again.
            Path second = tmp.resolve("resumed-" + UUID.randomUUID() + ".bin");
            Files.write(second, bytes);
            browser.setNetworkConditions(throttled(2 * 1024 * 1024));
            chooseAndSend(second);
            WebElement interrupted = upload(second);
            awaitPercent(interrupted, 40);
            UUID before = UUID.fromString(interrupted.getAttribute("data-transfer"));
            browser.navigate().refresh();
            // The reload may return while the old page still unloads its upload: wait for the new page's list.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> browser.findElement(By.id("uploads")).getText()
                    .contains("The upload of " + second.getFileName() + " was interrupted"));
            chooseAndSend(second);
            WebElement resumed = upload(second);
            await().atMost(Duration.ofMinutes(2)).until(() -> "true".equals(resumed.getAttribute("data-done")));
            assertThat(resumed.getAttribute("data-resumed")).isEqualTo("true");
            assertThat(UUID.fromString(resumed.getAttribute("data-transfer"))).as("the same transfer").isEqualTo(before);
            assertThat(Integer.parseInt(resumed.getAttribute("data-start-percent"))).as("continued, not restarted").isGreaterThanOrEqualTo(20);
            assertReceived(before, bytes);

            // A third upload is cancelled halfway: the transfer is withdrawn, the recipient never gets it.
            Path third = tmp.resolve("cancelled-" + UUID.randomUUID() + ".bin");
            Files.write(third, bytes);
            chooseAndSend(third);
            WebElement cancelled = upload(third);
            awaitPercent(cancelled, 10);
            cancelled.findElement(By.cssSelector("button.cancel-upload")).click();
            await().atMost(Duration.ofSeconds(30)).until(() -> "true".equals(cancelled.getAttribute("data-cancelled")));
            UUID withdrawn = UUID.fromString(cancelled.getAttribute("data-transfer"));
            assertThat(api.status(api.token(ORG_A, WRITE_READ), withdrawn)).isIn("Cancelled", "Purged");
        } finally {
            browser.deleteNetworkConditions();
        }
    }

    /** The browser's network is cut in the middle of an upload (DevTools offline), then restored: the upload goes on. */
    @Test
    void anUploadRidesOutANetworkDropAndFinishesWithTheRightBytes() throws Exception {
        byte[] bytes = new byte[20 * 1024 * 1024];
        new Random(21).nextBytes(bytes);
        Path file = tmp.resolve("nettverk brudd æøå " + UUID.randomUUID() + ".bin");
        Files.write(file, bytes);
        signIn(ORG_A);
        browser.get(url("/app/send"));
        browser.setNetworkConditions(throttled(2 * 1024 * 1024));
        try {
            chooseAndSend(file);
            WebElement upload = upload(file);
            awaitPercent(upload, 40);
            var offline = throttled(2 * 1024 * 1024);
            offline.setOffline(true);
            browser.setNetworkConditions(offline);
            await().atMost(Duration.ofMinutes(2)).until(() -> "true".equals(upload.getAttribute("data-interrupted")));
            assertThat(upload.getAttribute("data-done")).as("not finished while the network is gone").isNull();
            UUID id = UUID.fromString(upload.getAttribute("data-transfer"));
            assertThat(api.status(api.token(ORG_A, WRITE_READ), id)).isEqualTo("UploadStarted");

            browser.setNetworkConditions(throttled(8 * 1024 * 1024));
            await().atMost(Duration.ofMinutes(3)).until(() -> "true".equals(upload.getAttribute("data-done")));
            assertThat(Integer.parseInt(upload.getAttribute("data-resume-percent")))
                    .as("continued from what the server had (at least the first 5 MiB chunk), not from zero").isGreaterThanOrEqualTo(25);
            String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
            assertThat(upload.getAttribute("data-md5")).as("computed in the browser before sending").isEqualTo(md5);
            await().atMost(Duration.ofSeconds(30)).until(() -> upload.getText()
                    .contains("MD5 computed in your browser and verified by the server: " + md5));
            assertReceived(id, bytes);
        } finally {
            browser.deleteNetworkConditions();
        }
    }

    private static org.openqa.selenium.chromium.ChromiumNetworkConditions throttled(int bytesPerSecond) {
        var conditions = new org.openqa.selenium.chromium.ChromiumNetworkConditions();
        conditions.setUploadThroughput(bytesPerSecond);
        conditions.setDownloadThroughput(bytesPerSecond);
        conditions.setLatency(Duration.ofMillis(5));
        return conditions;
    }

    private void chooseAndSend(Path file) {
        WebElement recipient = browser.findElement(By.id("recipient-" + ORG_B));
        if (!recipient.isSelected()) {
            recipient.click();
        }
        browser.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("send")).click();
    }

    /** Waits until the upload's progress bar shows at least {@code percent}. */
    private static void awaitPercent(WebElement upload, int percent) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String shown = upload.getAttribute("data-percent");
            return shown != null && Integer.parseInt(shown) >= percent;
        });
    }

    private WebElement upload(Path file) {
        By selector = By.cssSelector("#uploads li.upload[data-file='" + file.getFileName() + "']");
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(selector).isEmpty());
        return browser.findElement(selector);
    }

    private void assertReceived(UUID id, byte[] bytes) {
        String recipient = api.token(ORG_B, WRITE_READ);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.status(recipient, id).equals("Published"));
        BrokerApi.Response download = api.download(recipient, id, null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.raw().body()).as("the recipient gets the bytes the page sent").isEqualTo(bytes);
    }

    @Test
    void anOrganisationSeesOnlyItsOwnTransfers() throws Exception {
        String outsider = "310000099";
        api.createResource("web-other-" + UUID.randomUUID().toString().substring(0, 8), List.of(outsider), Map.of());
        UUID id = publishedTransfer("not-for-outsiders.txt", "secret".getBytes());

        signIn(outsider);
        assertThat(browser.findElements(By.cssSelector("tr[data-transfer='" + id + "']"))).isEmpty();
        browser.get(url("/app/transfers/" + id + "/download"));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText())
                .isEqualTo("Your organisation does not have access to this transfer or resource.");
        assertThat(browser.getPageSource()).doesNotContain("secret").doesNotContain("\"code\"");
        browser.get(url("/ops"));
        assertThat(browser.getCurrentUrl()).as("an organisation is not an operator").contains("/app/signin");
    }

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

    @Test
    void operatorSeesABadFileWithItsCauseAndRestartsAFailedRun() throws Exception {
        Path good = Files.createDirectories(tmp.resolve("ops-out"));
        Files.writeString(good.resolve("310000002_invoice.xml"), "<invoice/>");
        Files.writeString(good.resolve("no-recipient.xml"), "<invoice/>");
        Path broken = tmp.resolve("ops-broken");
        Files.writeString(broken, "a file where the job expects a folder");
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("web-ops.yml"), job("web-ops", good, "recipients: {fileNamePattern: \"^(?<recipient>\\\\d{9})_.*\\\\.xml$\"}"));
        Files.writeString(jobs.resolve("web-broken.yml"), job("web-broken", broken, "recipients: {static: [\"0192:310000002\"]}"));
        catalog.load(jobs);
        String sender = api.token(ORG_A, WRITE_READ);
        UUID mismatched = api.initializeOk(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B),
                Map.of("fileName", "mismatch-" + UUID.randomUUID() + ".txt", "checksum", "0".repeat(32)));
        assertThat(api.upload(sender, mismatched, "not what the checksum says".getBytes()).status()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.status(sender, mismatched).equals("Failed"));

        signIn("operator");
        assertThat(browser.getCurrentUrl()).as(browser.getPageSource()).endsWith("/ops");
        assertThat(browser.findElement(By.cssSelector("#health li[data-component='database']")).getAttribute("data-state")).isEqualTo("UP");
        assertThat(browser.findElement(By.cssSelector("#health li[data-component='blobs']")).getAttribute("data-state")).isEqualTo("UP");

        // "Need a look": the Status column (4th) has the status, the Why column (5th) what went wrong.
        WebElement stuck = row("stuck", mismatched);
        assertThat(stuck.findElement(By.cssSelector("td:nth-child(4)")).getText()).isEqualTo("Failed");
        assertThat(stuck.findElement(By.cssSelector("td:nth-child(5)")).getText()).isEqualTo("Checksum mismatch");

        // Label in Name (WCAG 2.5.3): what a speech user reads on "Run now" and "Open in Cockpit" starts their names.
        for (WebElement control : browser.findElements(By.cssSelector("button.trigger, #stuck td a"))) {
            assertThat(control.getAccessibleName()).as("accessible name of " + control.getText()).startsWith(control.getText());
        }
        assertThat(job("web-ops").findElement(By.cssSelector("button.trigger")).getAccessibleName()).isEqualTo("Run now: web-ops");

        job("web-ops").findElement(By.cssSelector("button.trigger")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("run-status")).getText().equals("COMPLETED");
        });
        assertThat(browser.findElement(By.id("run")).getText()).contains("2 read, 1 delivered, 0 skipped, 1 failed");
        WebElement badFile = browser.findElement(By.cssSelector("article.file.failed"));
        assertThat(badFile.findElement(By.tagName("h3")).getText()).isEqualTo("no-recipient.xml");
        assertThat(badFile.findElement(By.cssSelector(".cause")).getText()).contains("fileNamePattern");
        assertThat(browser.findElements(By.id("restart"))).as("a completed run has nothing to restart").isEmpty();
        assertAccessible("ops-run");

        browser.get(url("/ops"));
        job("web-broken").findElement(By.cssSelector("button.trigger")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("run-status")).getText().equals("FAILED");
        });
        String failedRun = browser.getCurrentUrl();
        assertThat(browser.findElement(By.id("run")).getText()).contains("ops-broken");

        Files.delete(broken);
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("fixed.xml"), "<fixed/>");
        browser.findElement(By.id("restart")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("run-status")).getText().equals("COMPLETED");
        });
        assertThat(browser.getCurrentUrl()).isNotEqualTo(failedRun);
        assertThat(browser.findElement(By.id("run")).getText()).contains("1 delivered");
        assertThat(browser.findElement(By.cssSelector("article.file")).getText()).contains("fixed.xml");

        browser.get(url("/ops"));
        assertThat(job("web-ops").findElement(By.cssSelector("svg")).getAttribute("aria-label")).contains("1 of them with failures");
        assertAccessible("ops-console");
    }

    private WebElement job(String name) {
        return browser.findElement(By.cssSelector("article.job[data-job='" + name + "']"));
    }

    private String job(String name, Path source, String recipients) {
        return """
                name: %s
                direction: outbound
                schedule: {cron: "0 0 2 * * *", zone: UTC}
                source: {type: folder, directory: "%s"}
                broker:
                  baseUrl: http://localhost:%d
                  resourceId: formidling-demo
                  sender: "0192:310000001"
                  %s
                  auth: {type: dev, orgNo: "310000001"}
                retry: {attempts: 2, initialInterval: 50ms, multiplier: 2, maxInterval: 1s}
                """.formatted(name, source, port, recipients);
    }
}
