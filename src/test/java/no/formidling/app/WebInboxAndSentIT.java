package no.formidling.app;

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
import java.util.Random;
import java.util.UUID;
import no.formidling.testsupport.Chromium;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Inbox and Sent in a real browser: download and confirm, the sender's live statuses, file names that wrap between
 * words, and an organisation that sees only its own transfers; pages checked with axe-core.
 */
@IntegrationTest
class WebInboxAndSentIT extends WebPageSupport {
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

}
