package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;

import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every browser tab asks for /favicon.ico; a 404 there is a console error on every page. */
@IntegrationTest
class FaviconIT {
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
}
