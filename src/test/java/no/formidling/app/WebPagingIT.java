package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.DEMO_RESOURCE;
import static no.formidling.testsupport.BrokerApi.ORG_A;
import static no.formidling.testsupport.BrokerApi.ORG_B;
import static no.formidling.testsupport.BrokerApi.WRITE_READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Lists longer than a page in a real browser (three rows a page here): a person pages forward and back, searches by
 * file name, reference and the other organisation (names with æøå and spaces), filters by status and resource, and
 * sees the counts, on Sent, Inbox, Messages, Sent messages and the operator's transfer list; the filters stay on every link. Each
 * test's rows carry a word of its own, so what other tests left in the database does not count.
 */
@IntegrationTest
@TestPropertySource(properties = "formidling.pages.page-size=3")
class WebPagingIT extends WebPageSupport {
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    String run;
    String resource;
    String third;

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
        resource = "web-paging-" + run;
        third = String.valueOf(400_000_000 + new Random().nextInt(500_000_000));
    }

    /**
     * Eight transfers from ORG_A to ORG_B carrying {@code run}, oldest first: six on this test's resource (also to a
     * third organisation), one whose name and reference have æøå and spaces, and one on the demo resource that is
     * published. Newest first they are: published, Blåbær, paging 6 … paging 1.
     */
    private void transfers() {
        api.createResource(resource, List.of(ORG_A, ORG_B, third), Map.of());
        String sender = api.token(ORG_A, WRITE_READ);
        for (int n = 1; n <= 6; n++) {
            api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B, "0192:" + third),
                    Map.of("fileName", "paging " + run + " " + n + ".txt", "sendersFileTransferReference", "ref " + run + " " + n));
        }
        api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B),
                Map.of("fileName", "Blåbær og ørret " + run + ".txt", "sendersFileTransferReference", "Søknad om ærlig støtte " + run));
        UUID published = api.initializeOk(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B),
                Map.of("fileName", "published " + run + ".txt"));
        assertThat(api.upload(sender, published, "bytes".getBytes()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.status(sender, published).equals("Published"));
    }

    private void search(String text) {
        WebElement q = browser.findElement(By.id("q"));
        q.clear();
        q.sendKeys(text);
        Chromium.submit(browser, By.id("search"));
    }

    private void filterByStatus(String status) {
        new Select(browser.findElement(By.id("status"))).selectByValue(status);
        Chromium.submit(browser, By.id("search"));
    }

    private List<String> listed(String tableId, String cell) {
        List<String> names = new ArrayList<>();
        browser.findElements(By.cssSelector("#" + tableId + " tbody " + cell)).forEach(e -> names.add(e.getText()));
        return names;
    }

    private List<String> files(String tableId) {
        return listed(tableId, ".filename");
    }

    private String results() {
        return browser.findElement(By.id("results")).getText();
    }

    private String count(String status) {
        return browser.findElement(By.cssSelector("#status-counts li[data-status='" + status + "']")).getDomAttribute("data-count");
    }

    private String paging(int n) {
        return "paging " + run + " " + n + ".txt";
    }

    /** Forward to the last page and back to the first, checking each page's rows, for the eight transfers of {@link #transfers}. */
    private void pagesThroughTheTransfers(String tableId) {
        search(run);
        assertThat(results()).isEqualTo("8 matches");
        assertThat(files(tableId)).containsExactly("published " + run + ".txt", "Blåbær og ørret " + run + ".txt", paging(6));
        assertThat(browser.findElements(By.id("previous"))).as("nothing newer than the first page").isEmpty();
        browser.findElement(By.cssSelector("nav.pager #next")).click();
        assertThat(files(tableId)).containsExactly(paging(5), paging(4), paging(3));
        assertThat(browser.getCurrentUrl()).as("the search stays on the link").contains("q=" + run);
        assertThat(browser.findElement(By.id("q")).getDomProperty("value")).isEqualTo(run);
        browser.findElement(By.id("next")).click();
        assertThat(files(tableId)).containsExactly(paging(2), paging(1));
        assertThat(browser.findElements(By.id("next"))).as("nothing older than the last page").isEmpty();
        browser.findElement(By.id("previous")).click();
        assertThat(files(tableId)).containsExactly(paging(5), paging(4), paging(3));
        browser.findElement(By.id("previous")).click();
        assertThat(files(tableId)).containsExactly("published " + run + ".txt", "Blåbær og ørret " + run + ".txt", paging(6));
        assertThat(browser.findElements(By.id("previous"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("nav.pager")).getAccessibleName()).isEqualTo("Pages of the list");
        assertThat(browser.findElement(By.id("list-search")).getAriaRole()).isEqualTo("search");
        assertThat(browser.findElement(By.id("results")).getAriaRole()).as("the count is announced").isEqualTo("status");
        assertThat(count("Initialized")).isEqualTo("7");
        assertThat(count("Published")).isEqualTo("1");
    }

    /** Status from the form, then from a count's link; the resource from the form; each keeps the search. */
    private void filtersTheTransfers(String tableId) {
        filterByStatus("Published");
        assertThat(results()).isEqualTo("1 match");
        assertThat(files(tableId)).containsExactly("published " + run + ".txt");
        assertThat(count("Initialized")).as("the other statuses are still counted").isEqualTo("7");
        browser.findElement(By.cssSelector("#status-counts li[data-status='Initialized'] a")).click();
        assertThat(results()).isEqualTo("7 matches");
        assertThat(new Select(browser.findElement(By.id("status"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("Initialized");
        assertThat(browser.findElement(By.cssSelector("#status-counts a[aria-current='true']")).getText()).startsWith("Waiting for the file");

        new Select(browser.findElement(By.id("status"))).selectByValue("");
        new Select(browser.findElement(By.id("resource"))).selectByValue(resource);
        Chromium.submit(browser, By.id("search"));
        assertThat(results()).isEqualTo("7 matches");
        assertThat(files(tableId)).containsExactly("Blåbær og ørret " + run + ".txt", paging(6), paging(5));
        new Select(browser.findElement(By.id("resource"))).selectByValue("");
        Chromium.submit(browser, By.id("search"));
    }

    @Test
    void theSenderPagesSearchesAndFiltersSent() {
        transfers();
        signIn(ORG_A);
        browser.get(url("/app/sent"));
        pagesThroughTheTransfers("sent");
        assertAccessible("sent-paged");
        assertThat(browser.findElement(By.id("sent-rows")).getDomAttribute("hx-get")).as("the live refresh keeps the search")
                .contains("q=" + run);

        search("Blåbær og ørret " + run);
        assertThat(files("sent")).containsExactly("Blåbær og ørret " + run + ".txt");
        search("Søknad om ærlig støtte " + run);
        assertThat(files("sent")).as("by the sender's reference").containsExactly("Blåbær og ørret " + run + ".txt");
        search(third);
        assertThat(results()).as("by a recipient's organisation number").isEqualTo("6 matches");
        assertThat(files("sent")).containsExactly(paging(6), paging(5), paging(4));
        search("nothing like this " + run);
        assertThat(browser.findElement(By.cssSelector("#sent-rows td")).getText()).isEqualTo("Nothing matches this search and these filters.");

        search(run);
        filtersTheTransfers("sent");
        assertThat(status("/app/sent?q=" + run + "&after=not-a-cursor")).as("a spoilt page link").isEqualTo(400);
        assertThat(status("/app/sent?status=Nonsense")).isEqualTo(400);
    }

    /** The HTTP status the signed-in browser gets for {@code path}. */
    private long status(String path) {
        return (Long) browser.executeAsyncScript("fetch(arguments[0]).then(r => arguments[1](r.status));", path);
    }

    @Test
    void theRecipientPagesSearchesAndFiltersTheInbox() {
        transfers();
        signIn(ORG_B);
        browser.get(url("/app/inbox"));
        pagesThroughTheTransfers("inbox");
        assertAccessible("inbox-paged");
        search("Søknad om ærlig støtte " + run);
        assertThat(files("inbox")).containsExactly("Blåbær og ørret " + run + ".txt");
        search(run);
        filtersTheTransfers("inbox");
    }

    @Test
    void theOperatorPagesSearchesAndFiltersEveryTransfer() {
        transfers();
        signIn("operator");
        browser.findElement(By.id("all-transfers")).click();
        pagesThroughTheTransfers("transfers");
        assertAccessible("ops-transfers");
        search(third);
        assertThat(results()).as("by the recipient's organisation number").isEqualTo("6 matches");
        search("Blåbær og ørret " + run);
        assertThat(listed("transfers", "td:nth-child(2)")).containsExactly("Søknad om ærlig støtte " + run);
        search(run);
        filtersTheTransfers("transfers");
    }

    @Test
    void aRecipientPagesSearchesAndFiltersMessages() {
        CorrespondenceApi correspondence = new CorrespondenceApi(port);
        String messagesResource = "web-paging-messages";
        correspondence.resource(messagesResource, "Meldinger i sider");
        String owner = correspondence.ownerToken();
        List<UUID> ids = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            ids.add(message(correspondence, owner, messagesResource, "Melding " + run + " " + n, "ref " + run + " " + n));
        }
        ids.add(message(correspondence, owner, messagesResource, "Vedtak om støtte til Ærøy " + run, "Sak på Ærøy " + run));

        signIn(ORG_B);
        browser.get(url("/app/messages"));
        search(run);
        assertThat(results()).isEqualTo("5 matches");
        assertThat(listed("messages", "a.open")).containsExactly("Vedtak om støtte til Ærøy " + run, "Melding " + run + " 4", "Melding " + run + " 3");
        browser.findElement(By.id("next")).click();
        assertThat(listed("messages", "a.open")).containsExactly("Melding " + run + " 2", "Melding " + run + " 1");
        assertThat(browser.findElements(By.id("next"))).isEmpty();
        browser.findElement(By.id("previous")).click();
        assertThat(listed("messages", "a.open")).hasSize(3).first().isEqualTo("Vedtak om støtte til Ærøy " + run);
        Chromium.assertAccessible(browser, "messages-paged");

        search("Vedtak om støtte til Ærøy " + run);
        assertThat(listed("messages", "a.open")).containsExactly("Vedtak om støtte til Ærøy " + run);
        search("Sak på Ærøy " + run);
        assertThat(listed("messages", "a.open")).as("by the sender's reference").containsExactly("Vedtak om støtte til Ærøy " + run);

        browser.get(url("/app/messages/" + ids.get(0)));
        browser.get(url("/app/messages"));
        search(run);
        assertThat(count("Read")).isEqualTo("1");
        assertThat(count("Published")).isEqualTo("4");
        filterByStatus("Read");
        assertThat(results()).isEqualTo("1 match");
        assertThat(listed("messages", "a.open")).containsExactly("Melding " + run + " 1");

        // The same messages as their sender, the service owner, finds them on Sent messages.
        browser.manage().deleteAllCookies();
        signIn(CorrespondenceApi.OWNER);
        browser.get(url("/app/sent-messages"));
        search(run);
        assertThat(results()).isEqualTo("5 matches");
        assertThat(listed("sent-messages", "a.open")).containsExactly("Vedtak om støtte til Ærøy " + run, "Melding " + run + " 4", "Melding " + run + " 3");
        browser.findElement(By.id("next")).click();
        assertThat(listed("sent-messages", "a.open")).containsExactly("Melding " + run + " 2", "Melding " + run + " 1");
        assertAccessible("sent-messages-paged");
        assertThat(count("Read")).isEqualTo("1");
        filterByStatus("Read");
        assertThat(listed("sent-messages", "a.open")).containsExactly("Melding " + run + " 1");
    }

    /** One message to ORG_B, published as the job executor would. */
    private UUID message(CorrespondenceApi correspondence, String owner, String resourceId, String title, String reference) {
        Map<String, Object> body = CorrespondenceApi.request(resourceId, List.of("0192:" + ORG_B), Map.of("sendersReference", reference));
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) body.get("correspondence")).get("content");
        content.put("messageTitle", title);
        UUID id = correspondence.initializeOk(owner, body).get(0);
        ProcessDriver process = new ProcessDriver(runtime, management);
        process.execute(id, "Task_ScanAttachments");
        assertThat(correspondence.status(owner, id)).isEqualTo("Published");
        return id;
    }
}
