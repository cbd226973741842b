package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import no.formidling.register.NationalIdentityNumber;
import no.formidling.testsupport.Chromium;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The {@code prod} sign-in end to end: a real OpenID Connect provider (mock-oauth2-server with its login form) is
 * configured the way docs/web-pages.md says; Chromium signs in through the provider's form and lands on the mapped
 * organisation's (or person's) pages; a sign-in whose token names neither is refused with a sentence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "prod"})
class WebOidcSignInIT {
    static MockOAuth2Server provider;
    static ChromeDriver browser;
    static Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry registry) {
        provider = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
        provider.start();
        String client = "spring.security.oauth2.client.registration.formidling.";
        registry.add(client + "client-id", () -> "formidling-web");
        registry.add(client + "client-secret", () -> "hemmelig");
        registry.add(client + "scope", () -> "openid,profile");
        registry.add("spring.security.oauth2.client.provider.formidling.issuer-uri", () -> provider.issuerUrl("formidling").toString());
        // prod refuses to start with the default admin password (ProductionSafetyCheck)
        registry.add("camunda.bpm.admin-user.password", () -> "oidc-it-" + java.util.UUID.randomUUID());
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        work = Files.createTempDirectory("web-oidc-it");
        browser = Chromium.start(work, work.resolve("downloads"), "en-US,en");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (provider != null) {
            provider.shutdown();
        }
        FileSystemUtils.deleteRecursively(work.toFile());
    }

    @BeforeEach
    void freshSession() {
        browser.manage().deleteAllCookies();
    }

    /** From our sign-in page through the provider's login form, with these claims (JSON) in its tokens. */
    private void signInAtProvider(String user, String claimsJson) {
        browser.get("http://localhost:" + port + "/app/signin");
        assertThat(browser.findElements(By.id("signin"))).as("no dev sign-in with prod").isEmpty();
        browser.findElement(By.id("oidc-signin")).click();
        assertThat(browser.getCurrentUrl()).as("at the provider").startsWith(provider.baseUrl().toString());
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("claims")).sendKeys(claimsJson);
        browser.findElement(By.cssSelector("input[type=submit]")).click();
        // back through our redirect endpoint, which exchanges the code with the provider before answering
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.getCurrentUrl().startsWith("http://localhost:" + port + "/app/"));
    }

    @Test
    void anEmployeeSignsInThroughTheProviderAndLandsOnTheMappedOrganisationsInbox() {
        signInAtProvider("kari.nordmann", "{\"urn:altinn:orgNumber\": \"310000002\"}");
        assertThat(browser.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/app/inbox");
        assertThat(browser.findElement(By.cssSelector(".top .who")).getText()).isEqualTo("Organisation 310000002");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Inbox");
        browser.findElement(By.linkText("Messages")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Messages");
        browser.get("http://localhost:" + port + "/ops");
        assertThat(browser.getCurrentUrl()).as("an organisation is not an operator").contains("/app/signin?denied");
    }

    @Test
    void aPersonClaimSignsInAPersonToTheirMessages() {
        String pid = NationalIdentityNumber.complete("010170123");
        signInAtProvider("åse", "{\"pid\": \"" + pid + "\", \"name\": \"Åse Ørnes\"}");
        assertThat(browser.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/app/messages");
        assertThat(browser.findElement(By.cssSelector(".top .who")).getText()).isEqualTo("Åse Ørnes");
    }

    @Test
    void aTokenWithoutTheMappedClaimIsRefusedWithASentence() {
        signInAtProvider("ola.uten.virksomhet", "{\"groups\": [\"staff\"]}");
        assertThat(browser.getCurrentUrl()).contains("/app/signin?error");
        assertThat(browser.findElement(By.cssSelector(".problem")).getText())
                .isEqualTo("Sign-in did not succeed. Try again, or ask your administrator whether your user is linked to an organisation or carries a national identity number.");
        browser.get("http://localhost:" + port + "/app/inbox");
        assertThat(browser.getCurrentUrl()).as("still not signed in").endsWith("/app/signin");
        Chromium.assertAccessible(browser, "signin-oidc-refused");
    }

    @Test
    void identityIsOffInProdUnlessSwitchedOn() {
        var api = new no.formidling.testsupport.BrokerApi(port);
        assertThat(api.get("/.well-known/oauth-authorization-server", null).status()).as("no Maskinporten metadata").isEqualTo(404);
        assertThat(no.formidling.testsupport.MaskinportenGrants.token(api, "x.y.z").status()).as("no token endpoint").isEqualTo(404);
        assertThat(api.get("/api/GetEnterpriseToken?orgNo=310000001", null).status()).as("no dev tokens").isIn(401, 404);
    }
}
