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

/** Malformed and invalid requests: each answered as a problem with upstream's status and code, never a server error. */
class BrokerRulesIT extends BrokerRulesTestBase {
    /** Each field's own rule is pinned in FileTransferInitalizeExtTest; here the one problem a client reads. */
    @Test
    void missingOrMalformedInitializeFieldsAreListedInOneValidationProblem() {
        BrokerApi.Response r = api.postJson(FT, sender, Map.of("recipients", List.of()));
        assertProblem(r, 400, null);
        assertThat(r.json().get("title").asText()).isEqualTo("One or more validation errors occurred.");
        assertThat(r.json().get("errors").fieldNames()).toIterable().contains("FileName", "ResourceId", "Sender", "Recipients");
        assertThat(r.json().at("/errors/Recipients/0").asText()).isEqualTo("One or more recipients are required");
    }

    @Test
    void pathLikeFileNamesAreRejectedAndUnknownFieldsIgnored() {
        // the file-name rule is pinned in FileTransferInitalizeExtTest; one path shows initialize applies it
        BrokerApi.Response r = api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("fileName", "../../etc/passwd"));
        assertProblem(r, 400, null);
        assertThat(r.json().get("errors").has("FileName")).isTrue();
        BrokerApi.Response ok = api.initialize(sender, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B),
                Map.of("somethingNew", 1, "fileName", "rapport æøå.pdf"));
        assertThat(ok.status()).isEqualTo(200);
        BrokerApi.Response pascal = api.postJson(FT, sender, """
                {"FileName":"x.txt","ResourceId":"formidling-demo","Sender":"0192:310000001","Recipients":["0192:310000002"]}""");
        assertThat(pascal.status()).as("property names match case-insensitively").isEqualTo(200);
    }

    @Test
    void malformedRequestsGetProblemDetailsNotServerErrors() {
        assertProblem(api.postJson(FT, sender, "{\"fileName\": "), 400, null);
        assertProblem(api.postJson(FT, sender, "[1,2]"), 400, null);
        assertProblem(api.get(FT + "/not-a-guid", sender), 400, null);
        assertThat(api.get(FT + "/not-a-guid", sender).json().at("/errors/fileTransferId/0").asText()).isEqualTo("The value 'not-a-guid' is not valid.");
        assertProblem(api.send(api.request(FT, sender).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x"))), 415, null);
        assertProblem(api.get(FT + "?resourceId=" + DEMO_RESOURCE + "&status=Nonsense", sender), 400, null);
        assertProblem(api.get(FT, sender), 400, null);
        assertProblem(api.get(FT + "/" + UUID.randomUUID(), sender), 404, "BRO-00001");
    }

    @Test
    void outOfRangeOrMalformedQueryNumbersAreValidationProblems() {
        String search = FT + "?resourceId=" + DEMO_RESOURCE;
        for (String bad : List.of("status=9007199254740992", "status=8", "status=-1", "status=99999999999999999999999999999",
                "recipientStatus=3", "recipientStatus=2147483648", "status=%20Published%201", "orderAscending=maybe")) {
            BrokerApi.Response r = api.get(search + "&" + bad, sender);
            assertProblem(r, 400, null);
            assertThat(r.json().path("errors").has(bad.substring(0, bad.indexOf('=')))).as(bad).isTrue();
        }
        UUID initialized = newTransfer(Map.of());
        assertThat(api.get(search + "&status=0", sender).body()).as("numbers still bind").contains(initialized.toString());
        assertThat(api.get(search + "&status=initialized", sender).body()).as("names in any case").contains(initialized.toString());
        assertThat(api.get(search + "&status=3", sender).body()).doesNotContain(initialized.toString());
        assertProblem(api.get("/broker/api/v1/statistics/monthly?year=99999999999&month=1", api.serviceOwnerToken()), 400, null);
        assertProblem(api.get("/api/GetEnterpriseToken?orgNo=" + ORG_A + "&ttl=99999999999999999999", null), 400, null);
    }

    @Test
    void oversizeJsonBodiesAreRefused() {
        String huge = "{\"fileName\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(api.postJson(FT, sender, huge), 413, null);
        BrokerApi.Response chunked = api.send(api.request(FT, sender).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))));
        assertProblem(chunked, 413, null);
    }

    @Test
    void trailingSlashesAnswerLikeThePathWithout() {
        UUID id = newTransfer(Map.of());
        assertThat(api.get(FT + "/" + id + "/", sender).status()).isEqualTo(200);
        assertThat(api.get(FT + "/?resourceId=" + DEMO_RESOURCE, sender).json().isArray()).isTrue();
    }
}
