package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.Chromium;
import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.testsupport.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Makes the README's screenshots ({@code docs/web-*.png}) from a server started as a newcomer starts it: the embedded
 * default with its demo data (service owner 991825827, resource formidling-demo, organisations 310000001 and 310000002)
 * and the demo jobs shipped in {@code jobs/}. Its name keeps it out of the default test run; to make them again:
 * <pre>mvn -B verify -Dit.test=ReadmeScreenshots -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class ReadmeScreenshots {
    private static final String SENDER = "310000001";
    private static final String RECIPIENT = "310000002";
    private static final Path DOCS = Path.of("docs");
    @TempDir
    Path tmp;
    private ChromeDriver browser;
    private ServerProcess server;

    @Test
    void theReadmeScreenshotsShowTheDemoData() throws Exception {
        Path folder = tmp.resolve("server");
        Path outbound = Files.createDirectories(folder.resolve("data/bridge/outbound"));
        for (String file : List.of("faktura-2026-11.xml", "lonnsgrunnlag-november.csv")) {
            Files.writeString(outbound.resolve(file), ("demo content of " + file + "\n").repeat(2000));
            Files.writeString(outbound.resolve(file + ".done"), "");
        }
        Path report = Files.writeString(tmp.resolve("Årsrapport 2026.pdf"), "%PDF-1.4 demo report\n".repeat(80_000));
        // The demo jobs as shipped; the first notification of a message a second after it is published rather than
        // five minutes, so Sent messages shows its outcome.
        try (ServerProcess started = ServerProcess.start("readme-screenshots", folder, List.of(
                "--formidling.bridge.jobs-dir=" + Path.of("jobs").toAbsolutePath(), "--formidling.correspondence.notification-delay=PT1S"))) {
            server = started;
            browser = Chromium.start(tmp, tmp.resolve("downloads"), "en-US,en");
            try {
                operatorRunsTheDemoOutboundJob();
                senderSendsAFile(report);
                recipientSeesItsInbox();
                UUID message = serviceOwnerSendsAMessage();
                recipientReadsTheMessage(message);
                serviceOwnerSeesItsSentMessage(message);
            } finally {
                browser.quit();
            }
        }
    }

    private void operatorRunsTheDemoOutboundJob() {
        signIn("operator");
        browser.findElement(By.cssSelector("article.job[data-job='demo-folder-outbound'] button.trigger")).click();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("run-status")).getText().equals("COMPLETED");
        });
        browser.get(server.baseUrl() + "/ops");
        shoot("web-ops");
    }

    private void senderSendsAFile(Path file) {
        signIn(SENDER);
        browser.get(server.baseUrl() + "/app/send");
        browser.findElement(By.id("recipient-" + RECIPIENT)).click();
        browser.findElement(By.id("reference")).sendKeys("Årsrapport til styret");
        browser.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("send")).click();
        WebElement upload = browser.findElement(By.cssSelector("#uploads li.upload"));
        await().atMost(Duration.ofMinutes(1)).until(() -> upload.getText().contains("Status: Ready for download"));
        shoot("web-send");
    }

    private void recipientSeesItsInbox() {
        signIn(RECIPIENT);
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("#inbox tr[data-transfer]")).size() == 3;
        });
        shoot("web-inbox");
    }

    private UUID serviceOwnerSendsAMessage() {
        CorrespondenceApi api = new CorrespondenceApi(server.port());
        String owner = api.ownerToken();
        Map<String, Object> body = CorrespondenceApi.request("formidling-demo", List.of("0192:" + RECIPIENT), Map.of(
                "messageSender", "Demo service owner", "isConfirmationNeeded", true, "dueDateTime", OffsetDateTime.now().plusDays(14).toString(),
                "notification", Map.of("notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                        "emailSubject", "Ny melding fra Demo service owner", "emailBody", "Du har fått en melding i Formidling.",
                        "customRecipients", List.of(Map.of("emailAddress", "post@310000002.example")))));
        UUID id = api.initializeOk(owner, body).get(0);
        await().atMost(Duration.ofMinutes(1)).until(() -> api.status(owner, id).equals("Published"));
        return id;
    }

    private void recipientReadsTheMessage(UUID id) {
        browser.get(server.baseUrl() + "/app/messages/" + id);
        assertThat(browser.findElement(By.id("message-title")).getText()).isNotBlank();
        shoot("web-messages");
    }

    private void serviceOwnerSeesItsSentMessage(UUID id) {
        signIn(CorrespondenceApi.OWNER);
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            browser.get(server.baseUrl() + "/app/sent-messages/" + id);
            return browser.findElements(By.cssSelector("#notifications tr[data-status='Sent']")).size() == 1;
        });
        browser.manage().window().setSize(new Dimension(1280, 1200)); // the notifications, below the history, in view
        shoot("web-sent-messages");
    }

    private void signIn(String who) {
        browser.manage().deleteAllCookies();
        browser.get(server.baseUrl() + "/app/signin");
        browser.findElement(By.id("who-" + who)).click();
        Chromium.submit(browser, By.id("signin"));
    }

    private void shoot(String name) {
        try {
            Files.copy(Chromium.screenshot(browser, name), DOCS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
