package no.formidling.broker;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.formidling.testsupport.BrokerApi;
import org.junit.jupiter.api.Test;

/** A Broker resource's configuration and service-owner registration, validated with upstream's codes. */
class BrokerResourceRulesIT extends BrokerRulesTestBase {
    @Test
    void resourceConfigurationIsValidatedWithUpstreamCodes() {
        String owner = api.serviceOwnerToken();
        String path = "/broker/api/v1/resource/" + DEMO_RESOURCE;
        // the settings' rules are pinned in BrokerResourceRulesTest; one refusal shows the endpoint applies them
        assertProblem(api.putJson(path, owner, Map.of("maxFileTransferSize", -1)), 400, "BRO-00011");
        assertProblem(api.putJson(path, owner, Map.of("useManifestFileShim", true)), 400, "BRO-00023");
        assertProblem(api.putJson("/broker/api/v1/resource/not-registered", owner, Map.of()), 403, "BRO-00005");
        assertProblem(api.putJson(path, api.token(ORG_A, "altinn:serviceowner"), Map.of()), 401, "BRO-00006");

        BrokerApi.Response before = api.get(path, owner);
        assertThat(api.putJson(path, owner, Map.of("FileTransferTimeToLive", "P30D", "PurgeFileTransferGracePeriod", "PT2H")).status()).isEqualTo(200);
        BrokerApi.Response after = api.get(path, owner);
        assertThat(after.json().get("fileTransferTimeToLive").asText()).isEqualTo("30.00:00:00");
        assertThat(after.json().get("purgeFileTransferGracePeriod").asText()).isEqualTo("02:00:00");
        assertThat(after.json().get("maxFileTransferSize")).isEqualTo(before.json().get("maxFileTransferSize"));
        assertProblem(api.get("/broker/api/v1/resource/never-configured", owner), 400, "BRO-00025");
    }

    @Test
    void serviceOwnerRegistration() {
        String newOwner = api.token("991825828", "altinn:serviceowner");
        assertProblem(api.get("/broker/api/v1/serviceowner", newOwner), 404, "BRO-07004");
        BrokerApi.Response created = api.postJson("/broker/api/v1/serviceowner", newOwner, Map.of("Name", "Another owner"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).isEmpty();
        assertProblem(api.postJson("/broker/api/v1/serviceowner", newOwner, Map.of("name", "Again")), 409, "BRO-07002");
        BrokerApi.Response overview = api.get("/broker/api/v1/serviceowner", newOwner);
        assertThat(overview.json().get("name").asText()).isEqualTo("Another owner");
        assertThat(overview.json().at("/storageProviders/0/deploymentStatus").asText()).isEqualTo("Ready");
    }
}
