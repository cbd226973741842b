package no.formidling.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.register.NationalIdentityNumber;

/** Correspondence calls over plain HTTP, as an API user would make them. */
public class CorrespondenceApi {
    public static final String OWNER = BrokerApi.OWNER;
    public static final String BASE = "/correspondence/api/v1";
    private final BrokerApi http;

    public CorrespondenceApi(int port) {
        this.http = new BrokerApi(port);
    }

    public BrokerApi http() {
        return http;
    }

    /** A valid (mod-11) national identity number made from nine digits, trying neighbours until one has check digits. */
    public static String pid(long nineDigits) {
        for (long n = nineDigits; ; n++) {
            String pid = NationalIdentityNumber.complete(String.format("%09d", n));
            if (pid != null) {
                return pid;
            }
        }
    }

    public String ownerToken() {
        return http.send(http.request("/api/GetEnterpriseToken?orgNo=" + OWNER + "&org=digdir&scopes="
                + "altinn:serviceowner%20altinn:correspondence.write", null).GET()).body();
    }

    public String orgToken(String orgNo, String scopes) {
        return http.token(orgNo, scopes);
    }

    public String personToken(String pid, String scopes) {
        return http.send(http.request("/api/GetPersonalToken?pid=" + pid + "&scopes=" + scopes.replace(" ", "%20"), null).GET()).body();
    }

    /** Registers a resource owned by the demo service owner. */
    public void resource(String resourceId, String title) {
        resource(resourceId, title, false);
    }

    /** A confidential resource takes only correspondences marked {@code isConfidential}, and only it does. */
    public void resource(String resourceId, String title, boolean confidential) {
        BrokerApi.Response r = http.putJson("/resourceregistry/api/v1/resource/" + resourceId, ownerToken(),
                Map.of("title", title, "serviceOwnerOrgNo", OWNER, "accessList", List.of(), "confidential", confidential));
        if (r.status() != 200) {
            throw new AssertionError("resource: " + r.status() + " " + r.body());
        }
    }

    public BrokerApi.Response party(String party, String name, String email, String mobile, boolean reserved) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("email", email);
        body.put("mobileNumber", mobile);
        body.put("reserved", reserved);
        return http.putJson("/register/api/v1/parties/" + party, ownerToken(), body);
    }

    /** A minimal valid request body; {@code extra} is merged into {@code correspondence}. */
    public static Map<String, Object> request(String resourceId, List<String> recipients, Map<String, Object> extra) {
        Map<String, Object> content = new LinkedHashMap<>(Map.of("language", "nb", "messageTitle", "Vedtak om tilskudd",
                "messageSummary", "Kort sammendrag", "messageBody", "# Vedtak\n\nDu har fått **tilskudd**."));
        Map<String, Object> correspondence = new LinkedHashMap<>();
        correspondence.put("resourceId", resourceId);
        correspondence.put("sendersReference", "ref-" + UUID.randomUUID());
        correspondence.put("content", content);
        correspondence.putAll(extra);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("correspondence", correspondence);
        body.put("recipients", new ArrayList<>(recipients));
        return body;
    }

    public BrokerApi.Response initialize(String token, Object body) {
        return http.postJson(BASE + "/correspondence", token, body);
    }

    public List<UUID> initializeOk(String token, Object body) {
        BrokerApi.Response r = initialize(token, body);
        if (r.status() != 200) {
            throw new AssertionError("initialize answered " + r.status() + ": " + r.body());
        }
        List<UUID> ids = new ArrayList<>();
        r.json().get("correspondences").forEach(c -> ids.add(UUID.fromString(c.get("correspondenceId").asText())));
        return ids;
    }

    public BrokerApi.Response get(String token, UUID id, String suffix) {
        return http.get(BASE + "/correspondence/" + id + suffix, token);
    }

    public BrokerApi.Response post(String token, UUID id, String action) {
        return http.post(BASE + "/correspondence/" + id + "/" + action, token);
    }

    public BrokerApi.Response purge(String token, UUID id) {
        return http.delete(BASE + "/correspondence/" + id + "/purge", token);
    }

    public String status(String token, UUID id) {
        return http.get(BASE + "/correspondence/" + id + "/details", token).json().path("status").asText();
    }
}
