package no.formidling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Camunda's REST API answers errors as problem documents too, without losing the members Camunda's clients read.
 * (The filter lives in process; this test stays ahead of OpsDeadLettersIT in the run order: after WebPagesIT,
 * the shared context and OpsDeadLettersIT's own, closed context, /engine-rest finds no default engine.)
 */
@IntegrationTest
class CamundaRestProblemsIT {
    @LocalServerPort
    int port;

    @Test
    void engineRestErrorsAreProblemsThatKeepCamundasMembers() {
        BrokerApi api = new BrokerApi(port);
        String operator = api.token(BrokerApi.OWNER, "altinn:broker.maintenance");

        BrokerApi.Response missing = api.get("/engine-rest/process-definition/key/no-such-process", operator);
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = missing.json();
        assertThat(body.path("status").asInt()).isEqualTo(404);
        assertThat(body.path("title").asText()).isEqualTo("Not Found");
        assertThat(body.path("detail").asText()).contains("no-such-process");
        assertThat(body.path("traceId").asText()).isNotBlank();
        assertThat(body.path("type").asText()).as("Camunda's exception type, as its clients expect").isEqualTo("RestException");
        assertThat(body.path("message").asText()).isEqualTo(body.path("detail").asText());

        // JAX-RS answers an unparsable query parameter with 404, Camunda an unknown sort key with 400: both as problems
        for (String query : new String[] {"firstResult=many", "sortBy=nonsense&sortOrder=asc"}) {
            BrokerApi.Response bad = api.get("/engine-rest/process-instance?" + query, operator);
            assertThat(bad.status()).as(bad.body()).isBetween(400, 499);
            assertThat(bad.header("Content-Type")).as(query).startsWith("application/problem+json");
            assertThat(bad.json().path("status").asInt()).as(query).isEqualTo(bad.status());
            assertThat(bad.json().path("detail").asText()).as(query).isNotBlank();
        }

        BrokerApi.Response noToken = api.get("/engine-rest/process-instance", null);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.header("Content-Type")).startsWith("application/problem+json");
    }
}
