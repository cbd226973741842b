package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.ORG_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** An upload cut off by a reload and resumed by choosing the same file again, as the person sees it end. */
@IntegrationTest
class WebUploadResumeIT extends WebPageSupport {

    @Test
    void aResumedUploadClearsItsInterruptedNoticeAndSaysTheBrowsersMd5WasVerified() throws Exception {
        byte[] bytes = new byte[12 * 1024 * 1024];
        new Random(24).nextBytes(bytes);
        Path file = tmp.resolve("resumed " + UUID.randomUUID() + ".bin");
        Files.write(file, bytes);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        signIn(ORG_A);
        browser.get(url("/app/send"));
        browser.setNetworkConditions(throttled(1024 * 1024));
        try {
            chooseAndSend(file);
            // past the first 5 MiB chunk, so the server holds part of the file when the page goes away
            awaitPercent(upload(file), 60);
            browser.navigate().refresh();
            By notice = By.cssSelector("#uploads li.interrupted");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> browser.findElement(notice).getText()
                    .equals("The upload of " + file.getFileName() + " was interrupted. Choose the same file again to continue."));

            chooseAndSend(file);
            WebElement resumed = upload(file);
            await().atMost(Duration.ofMinutes(2)).until(() -> "true".equals(resumed.getAttribute("data-done")));
            assertThat(resumed.getAttribute("data-resumed")).isEqualTo("true");
            assertThat(browser.findElements(notice)).as("the notice goes once its file is chosen again").isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> resumed.getText().contains("Status: Ready for download"));
            assertThat(resumed.getText()).as("the MD5 the browser sent at the start was checked")
                    .contains("MD5 computed in your browser and verified by the server: " + md5)
                    .doesNotContain("MD5 on the server");
            assertAccessible("send-resumed");
            assertReceived(UUID.fromString(resumed.getAttribute("data-transfer")), bytes);
        } finally {
            browser.deleteNetworkConditions();
        }
    }
}
