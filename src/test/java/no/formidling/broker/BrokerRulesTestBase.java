package no.formidling.broker;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every validation and authorization rule a client can run into, with upstream's status and error code: what the rule tests share. */
@IntegrationTest
abstract class BrokerRulesTestBase {
    static final String FT = "/broker/api/v1/filetransfer";
    static final String OTHER_ORG = "310000009";
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;
    BrokerApi api;
    String sender;
    String recipient;

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        sender = api.token(ORG_A, WRITE_READ);
        recipient = api.token(ORG_B, "altinn:broker.read");
    }

    UUID newTransfer(Map<String, Object> extra) {
        return api.initializeOk(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), extra);
    }

    void assertProblem(BrokerApi.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at no.formidling");
    }
}
