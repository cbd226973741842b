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
import no.formidling.bridge.run.JobCatalog;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operator console in a real browser: a bad file with its cause, "need a look", and a failed run restarted.
 */
@IntegrationTest
class WebOpsIT extends WebPageSupport {
    @Autowired
    JobCatalog catalog;

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
