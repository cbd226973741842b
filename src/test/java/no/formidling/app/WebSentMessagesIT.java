package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.ORG_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A service owner's Sent messages in a real browser: what it sent, and for one message its status history and who was
 * notified, how, when and with what outcome (the view support staff need when a citizen says "I never got it").
 */
@IntegrationTest
class WebSentMessagesIT extends WebPageSupport {
    static final String RESOURCE = "web-sent-messages";
    /** Registered with an email address: its notification is sent. */
    static final String REACHABLE = "310000021";
    /** Registered without one: its notification fails for want of an address. */
    static final String UNREACHABLE = "310000022";
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    /** One message to each of {@code recipients}, published and notified by email as the job executor would; ids in order. */
    private List<UUID> sentAndNotified(CorrespondenceApi correspondence, String owner, String title, List<String> recipients) {
        Map<String, Object> body = CorrespondenceApi.request(RESOURCE, recipients, Map.of("notification", Map.of(
                "notificationTemplate", "CustomMessage", "notificationChannel", "Email",
                "emailSubject", "Ny melding", "emailBody", "Du har fått en melding fra oss.")));
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) body.get("correspondence")).get("content");
        content.put("messageTitle", title);
        List<UUID> ids = correspondence.initializeOk(owner, body);
        ProcessDriver process = new ProcessDriver(runtime, management);
        for (UUID id : ids) {
            for (String step : List.of("Task_ScanAttachments", "Event_NotificationDue", "Task_SendNotification")) {
                process.execute(id, step);
            }
        }
        return ids;
    }

    private WebElement row(UUID id) {
        return browser.findElement(By.cssSelector("#sent-messages tr[data-message='" + id + "']"));
    }

    private List<String> notificationRows() {
        List<String> rows = new ArrayList<>();
        browser.findElements(By.cssSelector("#notifications tbody tr")).forEach(r -> rows.add(r.getText()));
        return rows;
    }

    @Test
    void aServiceOwnerSeesWhatItSentWithEachMessagesStatusAndNotificationHistory() {
        CorrespondenceApi correspondence = new CorrespondenceApi(port);
        correspondence.resource(RESOURCE, "Vedtak om tilskudd");
        String owner = correspondence.ownerToken();
        correspondence.party("0192:" + REACHABLE, "Bedrift med e-post AS", "post@bedrift.example", null, false);
        correspondence.party("0192:" + UNREACHABLE, "Bedrift uten e-post AS", null, null, false);
        String title = "Vedtak " + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = sentAndNotified(correspondence, owner, title, List.of("0192:" + REACHABLE, "0192:" + UNREACHABLE));
        UUID reached = ids.get(0);
        UUID notReached = ids.get(1);

        signIn(CorrespondenceApi.OWNER);
        browser.findElement(By.linkText("Sent messages")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sent messages");
        assertThat(browser.findElement(By.cssSelector("#sent-messages caption")).getText())
                .isEqualTo("Messages your organisation has sent, newest first");
        assertThat(row(reached).getText()).contains(title).contains("Bedrift med e-post AS").contains(RESOURCE).contains("Published");
        assertThat(row(notReached).getText()).contains(title).contains("Bedrift uten e-post AS");
        assertAccessible("sent-messages");

        row(notReached).findElement(By.cssSelector("a.open")).click();
        assertThat(browser.findElement(By.id("message-title")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.id("message-recipient")).getText()).isEqualTo("Bedrift uten e-post AS");
        List<String> statuses = new ArrayList<>();
        browser.findElements(By.cssSelector("#status-history tbody tr")).forEach(r -> statuses.add(r.getDomAttribute("data-status")));
        assertThat(statuses).as("oldest first").containsExactly("Initialized", "ReadyForPublish", "Published");
        assertThat(notificationRows()).singleElement().asString()
                .contains("(no address)").contains("Email").contains("Failed").contains("The recipient has no registered email address");
        assertAccessible("sent-message-not-notified");

        browser.findElement(By.linkText("Back to sent messages")).click();
        row(reached).findElement(By.cssSelector("a.open")).click();
        assertThat(notificationRows()).singleElement().asString()
                .contains("post@bedrift.example").contains("Email").contains("Notification").contains("Sent").doesNotContain("Failed");

        // Another organisation sees neither the message nor a list of what others sent.
        browser.manage().deleteAllCookies();
        signIn(ORG_B);
        assertThat(browser.findElements(By.linkText("Sent messages"))).as("not a service owner").isEmpty();
        browser.get(url("/app/sent-messages/" + notReached));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).isEqualTo("You do not have access to that message.");
        browser.get(url("/app/sent-messages"));
        assertThat(browser.findElements(By.cssSelector("#sent-messages tr[data-message]"))).as("it sent nothing").isEmpty();
    }
}
