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
import java.util.Random;
import java.util.UUID;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The send page in a real browser: resources and recipients, a 20 MB upload with progress, resume after a reload,
 * cancel, and an upload that rides out a network drop; checked with axe-core.
 */
@IntegrationTest
class WebSendIT extends WebPageSupport {
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

    /** The hint under Files names what the picker chose, and says again how to choose once those are sent. */
    @Test
    void theFilesHintFollowsThePickerAndComesBackAfterSend() throws Exception {
        Path file = tmp.resolve("hint-" + UUID.randomUUID() + ".txt");
        Files.writeString(file, "hei");
        signIn(ORG_A);
        browser.get(url("/app/send"));
        WebElement hint = browser.findElement(By.id("files-hint"));
        String howToChoose = hint.getText();
        assertThat(howToChoose).startsWith("Choose files, or drop them here");

        browser.findElement(By.id("files")).sendKeys(file.toAbsolutePath().toString());
        assertThat(hint.getText()).as("the picker's choice").isEqualTo(file.getFileName().toString());
        browser.findElement(By.id("recipient-" + ORG_B)).click();
        browser.findElement(By.id("send")).click();
        WebElement sent = upload(file);
        assertThat(hint.getText()).as("after Send, ready for the next choice").isEqualTo(howToChoose);
        await().atMost(Duration.ofSeconds(60)).until(() -> "true".equals(sent.getAttribute("data-done")));
        assertAccessible("send-hint");
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

}
