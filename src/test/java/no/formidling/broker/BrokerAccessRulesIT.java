package no.formidling.broker;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import org.junit.jupiter.api.Test;

/** Who may do what: tokens and scopes, acting for one's own organisation, and who sees a transfer. */
class BrokerAccessRulesIT extends BrokerRulesTestBase {
    @Test
    void tokensAndScopesAreEnforced() {
        assertProblem(api.get(FT + "/" + UUID.randomUUID(), null), 401, null);
        assertProblem(api.get(FT + "/" + UUID.randomUUID(), "not.a.token"), 401, null);
        String readOnly = api.token(ORG_A, "altinn:broker.read");
        assertProblem(api.initialize(readOnly, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of()), 403, null);
        UUID id = newTransfer(Map.of());
        String writeOnly = api.token(ORG_B, "altinn:broker.write");
        assertProblem(api.download(writeOnly, id, null), 403, null);
        assertProblem(api.post("/broker/api/v1/serviceowner", sender), 403, null);
        assertThat(api.get(FT + "/" + id, null).header("WWW-Authenticate")).isEqualTo("Bearer");
        BrokerApi.Response head = api.send(api.request(FT + "/" + id + "/download", recipient).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(405);
        assertThat(api.send(api.request(FT + "/" + id + "/download", writeOnly).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(403);
    }

    @Test
    void sendersActOnlyForThemselvesAndOnlyToAllowedRecipients() {
        assertProblem(api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_B, List.of("0192:" + ORG_A), Map.of()), 401, "BRO-00006");
        String outsider = api.token(OTHER_ORG, WRITE_READ);
        assertProblem(api.initialize(outsider, DEMO_RESOURCE, "0192:" + OTHER_ORG, List.of("0192:" + ORG_B), Map.of()), 401, "BRO-00006");
        assertProblem(api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + OTHER_ORG), Map.of()), 400, "BRO-00028");
        assertProblem(api.initialize(sender, "no-such-resource", "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of()), 401, "BRO-00006");
        assertProblem(api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("disableVirusScan", true)),
                400, "BRO-00020");
        String approved = "it-approved-without-scan";
        api.createResource(approved, List.of(ORG_A, ORG_B), Map.of("approvedForDisabledVirusScan", true));
        assertThat(api.get("/broker/api/v1/resource/" + approved, api.serviceOwnerToken()).json().path("approvedForDisabledVirusScan").asBoolean()).isTrue();
        assertThat(api.initialize(sender, approved, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("disableVirusScan", true)).status())
                .as("once the service owner approved the resource").isEqualTo(200);
    }

    @Test
    void onlySenderRecipientsAndServiceOwnerSeeATransfer() {
        UUID id = newTransfer(Map.of());
        api.upload(sender, id, "top-secret-contents".getBytes(StandardCharsets.UTF_8));
        assertThat(api.get(FT + "/" + id, recipient).status()).isEqualTo(200);
        assertThat(api.get(FT + "/" + id, api.serviceOwnerToken()).status()).isEqualTo(403);
        assertThat(api.get(FT + "/" + id, api.token(OWNER, WRITE_READ)).status()).as("the resource's service owner").isEqualTo(200);
        String outsider = api.token(OTHER_ORG, WRITE_READ);
        assertProblem(api.get(FT + "/" + id, outsider), 401, "BRO-00006");
        BrokerApi.Response stolen = api.download(outsider, id, null);
        assertProblem(stolen, 401, "BRO-00006");
        assertThat(stolen.body()).doesNotContain("top-secret");
        assertProblem(api.download(sender, id, null), 401, "BRO-00006");
        assertProblem(api.upload(api.token(ORG_B, WRITE_READ), newTransfer(Map.of()), new byte[1]), 401, "BRO-00006");
    }
}
