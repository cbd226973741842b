package no.formidling.app;

import static no.formidling.testsupport.BrokerApi.DEMO_RESOURCE;
import static no.formidling.testsupport.BrokerApi.ORG_A;
import static no.formidling.testsupport.BrokerApi.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.Chromium;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.MaskinportenGrants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

/**
 * System users and Maskinporten clients in a real browser: a vendor's requests (made over the API) are accepted and
 * rejected by the organisation on its page, and the vendor's API sees the answer; a client is created with a pasted
 * PEM public key (a private key is refused) and then issues tokens; the operator sees it all. Pages checked with axe-core.
 */
@IntegrationTest
class WebSystemUsersIT {
    static final String VENDOR_SCOPES = "altinn:authentication/systemregister.write altinn:authentication/systemuser.request.write "
            + "altinn:authentication/systemuser.request.read";
    static ChromeDriver browser;
    static Path work;

    @LocalServerPort
    int port;
    BrokerApi api;
    String vendor;

    @BeforeAll
    static void startBrowser() throws Exception {
        work = Files.createTempDirectory("web-system-users-it");
        browser = Chromium.start(work, work.resolve("downloads"), "en-US,en");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        FileSystemUtils.deleteRecursively(work.toFile());
    }

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        vendor = api.token(OWNER, VENDOR_SCOPES);
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

    /** A system of the vendor, registered over Altinn's API; its name shows on the page. */
    private String registerSystem(String name) {
        String systemId = OWNER + "_web-" + UUID.randomUUID();
        BrokerApi.Response created = api.postJson("/authentication/api/v1/systemregister/vendor", vendor, Map.of("id", systemId,
                "vendor", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + OWNER), "name", Map.of("en", name, "nb", name),
                "rights", List.of(Map.of("resource", List.of(Map.of("id", "urn:altinn:resource", "value", DEMO_RESOURCE)))), "clientId", List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return systemId;
    }

    /** The vendor asks organisation A for a system user; the answer holds the request's id and confirmUrl. */
    private JsonNode request(String systemId) {
        BrokerApi.Response r = api.postJson("/authentication/api/v1/systemuser/request/vendor", vendor, Map.of("systemId", systemId,
                "partyOrgNo", ORG_A, "externalRef", "web-" + UUID.randomUUID(), "redirectUrl", "https://vendor.example/done",
                "rights", List.of(Map.of("resource", List.of(Map.of("id", "urn:altinn:resource", "value", DEMO_RESOURCE))))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private String statusSeenByVendor(String requestId) {
        return api.get("/authentication/api/v1/systemuser/request/vendor/" + requestId, vendor).json().path("status").asText();
    }

    private WebElement requestRow(String requestId) {
        return browser.findElement(By.cssSelector("#requests tr[data-request='" + requestId + "']"));
    }

    @Test
    void theOrganisationAcceptsOneRequestAndRejectsAnotherAndTheVendorSeesTheAnswers() {
        String name = "Lønnssystem " + UUID.randomUUID().toString().substring(0, 6);
        String systemId = registerSystem(name);
        String other = registerSystem("Other system");
        JsonNode older = request(other);
        JsonNode asked = request(systemId);
        URI confirm = URI.create(asked.path("confirmUrl").asText());
        assertThat(confirm.getPath()).isEqualTo("/app/systemusers");

        signIn(ORG_A);
        assertThat(browser.findElement(By.cssSelector("nav a[href$='/app/systemusers']")).getText()).isEqualTo("System users");
        browser.get(url(confirm.getPath() + "?" + confirm.getQuery()));
        WebElement first = browser.findElement(By.cssSelector("#requests tbody tr"));
        assertThat(first.getAttribute("data-request")).as("the request the vendor's link names comes first").isEqualTo(asked.path("id").asText());
        assertThat(first.getAttribute("class")).contains("highlight");
        assertThat(first.getText()).contains(name).contains(OWNER).contains(DEMO_RESOURCE).contains("The request you were sent here for");
        assertThat(requestRow(older.path("id").asText()).getAttribute("class")).doesNotContain("highlight");
        Chromium.assertAccessible(browser, "systemusers-requests");

        Chromium.submit(browser, By.cssSelector("#requests tr[data-request='" + asked.path("id").asText() + "'] button.accept"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("You accepted " + name);
        assertThat(browser.findElement(By.id("return")).getAttribute("href")).isEqualTo("https://vendor.example/done");
        assertThat(statusSeenByVendor(asked.path("id").asText())).isEqualTo("Accepted");
        WebElement user = browser.findElement(By.cssSelector("#system-users tr[data-system='" + systemId + "']"));
        assertThat(user.getText()).contains(name).contains(DEMO_RESOURCE);
        assertThat(browser.findElements(By.cssSelector("#requests tr[data-request='" + asked.path("id").asText() + "']"))).isEmpty();

        Chromium.submit(browser, By.cssSelector("#requests tr[data-request='" + older.path("id").asText() + "'] button.reject"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("You rejected Other system");
        assertThat(statusSeenByVendor(older.path("id").asText())).isEqualTo("Rejected");
        assertThat(browser.findElements(By.cssSelector("#system-users tr[data-system='" + other + "']"))).isEmpty();

        // The vendor's link, followed again once answered, says so instead of offering the buttons.
        browser.get(url(confirm.getPath() + "?" + confirm.getQuery()));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("already been answered: accepted");

        String systemUserId = browser.findElement(By.cssSelector("#system-users tr[data-system='" + systemId + "']")).getAttribute("data-system-user");
        Chromium.submit(browser, By.cssSelector("#system-users tr[data-system='" + systemId + "'] button.delete"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("The system user of " + name + " is deleted");
        JsonNode live = api.get("/authentication/api/v1/systemuser/" + ORG_A, api.token(ORG_A, "altinn:broker.read")).json();
        assertThat(live.findValuesAsText("id")).doesNotContain(systemUserId);
    }

    @Test
    void aClientIsCreatedWithAPastedPemKeyAPrivateKeyIsRefusedAndTheOperatorSeesTheClient() throws Exception {
        String clientId = "web-client-" + UUID.randomUUID();
        String kid = "web-key-" + UUID.randomUUID().toString().substring(0, 8);
        RSAKey key = MaskinportenGrants.newKey(kid);
        signIn(ORG_A);
        browser.get(url("/app/systemusers"));

        fillClientForm(clientId, pem("PRIVATE KEY", key.toPrivateKey().getEncoded()), kid);
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).startsWith("That is a private key. It was not saved");
        assertThat(browser.findElement(By.id("publicKey")).getAttribute("value")).as("a private key is never shown back").isEmpty();
        assertThat(browser.findElement(By.id("clientId")).getAttribute("value")).as("what was typed stays").isEqualTo(clientId);
        assertThat(api.get("/maskinporten/api/v1/clients/" + clientId, api.token(ORG_A, "altinn:broker.read")).status()).isEqualTo(404);
        Chromium.assertAccessible(browser, "systemusers-client-refused");

        fillClientForm(clientId, pem("PUBLIC KEY", key.toRSAPublicKey().getEncoded()), kid);
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Client " + clientId + " is created, with key " + kid + ".");
        WebElement row = browser.findElement(By.cssSelector("#client-table tr[data-client='" + clientId + "']"));
        assertThat(row.getText()).contains("altinn:broker.read").contains("altinn:broker.write").contains(kid);
        Chromium.assertAccessible(browser, "systemusers-clients");

        BrokerApi.Response client = api.get("/maskinporten/api/v1/clients/" + clientId, api.token(ORG_A, "altinn:broker.read"));
        assertThat(client.status()).as(client.body()).isEqualTo(200);
        assertThat(client.json().path("organisation").asText()).isEqualTo(ORG_A);
        assertThat(client.json().path("jwks").path("keys").findValuesAsText("kid")).containsExactly(kid);
        assertThat(client.json().path("jwks").path("keys").get(0).path("n").asText()).isEqualTo(key.getModulus().toString());
        BrokerApi.Response token = MaskinportenGrants.token(api,
                MaskinportenGrants.Grant.of(clientId, "http://127.0.0.1:" + port + "/", "altinn:broker.read").signedWith(key));
        assertThat(token.status()).as("the pasted key signs grants: " + token.body()).isEqualTo(200);

        browser.manage().deleteAllCookies();
        signIn("operator");
        browser.findElement(By.cssSelector("nav a[href$='/ops/identity']")).click();
        WebElement seen = browser.findElement(By.cssSelector("#clients tr[data-client='" + clientId + "']"));
        assertThat(seen.getText()).contains(ORG_A).contains("altinn:broker.write").contains(kid);
        Chromium.assertAccessible(browser, "ops-identity");
    }

    private void fillClientForm(String clientId, String pastedKey, String kid) {
        WebElement id = browser.findElement(By.id("clientId"));
        id.clear();
        id.sendKeys(clientId);
        for (String scope : List.of("altinn:broker.read", "altinn:broker.write")) {
            WebElement box = browser.findElement(By.cssSelector("input[name='scopes'][value='" + scope + "']"));
            if (!box.isSelected()) {
                box.click();
            }
        }
        WebElement pasted = browser.findElement(By.id("publicKey"));
        pasted.clear();
        // as a paste: one input event, not a keystroke per character
        browser.executeScript("arguments[0].value = arguments[1];", pasted, pastedKey);
        WebElement keyId = browser.findElement(By.id("keyId"));
        keyId.clear();
        keyId.sendKeys(kid);
        Chromium.submit(browser, By.id("save-client"));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
