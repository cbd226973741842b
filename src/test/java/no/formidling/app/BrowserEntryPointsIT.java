package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;

import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a browser asks for before any page: the tab's icon, and the API documents at the paths Altinn's guides link to. */
@IntegrationTest
class BrowserEntryPointsIT {
    @LocalServerPort
    int port;

    @Test
    void theIconIsServedWithoutSigningIn() {
        BrokerApi.Response icon = new BrokerApi(port).get("/favicon.ico", null);
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).startsWith("image/");
        assertThat(icon.raw().body()).startsWith(0, 0, 1, 0);
        assertThat(new BrokerApi(port).get("/app/signin", null).body()).contains("rel=\"icon\"");
    }

    @Test
    void theGuidesLinksToTheApiDocumentsLeadToSwagger() {
        BrokerApi api = new BrokerApi(port);
        for (String path : new String[] {"/api/broker/spec/", "/api/correspondence/spec/"}) {
            BrokerApi.Response r = api.get(path, null);
            assertThat(r.status()).as(path).isEqualTo(302);
            assertThat(r.header("Location")).as(path).endsWith("/swagger-ui/index.html");
            assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
        }
    }
}
