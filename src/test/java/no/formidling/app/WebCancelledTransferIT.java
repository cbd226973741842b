package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.ORG_A;
import static no.formidling.testsupport.BrokerApi.ORG_B;
import static no.formidling.testsupport.BrokerApi.WRITE_READ;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A transfer its sender cancelled reads "Cancelled" on Sent, in the recipient's Inbox and in the operator's counts,
 * also once its file is purged and the API (as upstream's) says Purged.
 */
@IntegrationTest
class WebCancelledTransferIT extends WebPageSupport {
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    private long opsCount(String status) {
        return Long.parseLong(browser.findElement(By.cssSelector("#status-counts li[data-status='" + status + "'] strong")).getText());
    }

    @Test
    void aCancelledTransferReadsCancelledOnSentInboxAndTheOperatorsCounts() {
        String fileName = "withdrawn-" + UUID.randomUUID() + ".txt";
        UUID id = publishedTransfer(fileName, "withdrawn".getBytes());
        signIn("operator");
        long cancelledBefore = opsCount("Cancelled");
        long purgedBefore = opsCount("Purged");

        String sender = api.token(ORG_A, WRITE_READ);
        assertThat(api.delete("/broker/api/v1/filetransfer/" + id, sender).status()).isEqualTo(200);
        new ProcessDriver(runtime, management).execute(id, "Task_PurgeCancelledFileTransfer");
        assertThat(api.status(sender, id)).as("the API says Purged, as upstream's").isEqualTo("Purged");

        browser.navigate().refresh();
        assertThat(opsCount("Cancelled")).as("counted as cancelled").isEqualTo(cancelledBefore + 1);
        assertThat(opsCount("Purged")).as("not as deleted after use").isEqualTo(purgedBefore);
        assertAccessible("ops-cancelled");

        browser.manage().deleteAllCookies();
        signIn(ORG_A);
        browser.get(url("/app/sent"));
        assertThat(liveText("sent", id, "td.status")).isEqualTo("Cancelled");
        assertAccessible("sent-cancelled");

        browser.manage().deleteAllCookies();
        signIn(ORG_B);
        assertThat(row("inbox", id).findElement(By.cssSelector("td.status")).getText())
                .isEqualTo("Not downloaded Cancelled");
        assertAccessible("inbox-cancelled");
    }
}
