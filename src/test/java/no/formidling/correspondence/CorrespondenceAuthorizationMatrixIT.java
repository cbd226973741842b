package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.CorrespondenceApi.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import no.formidling.correspondence.CorrespondenceAttachmentsIT.Multipart;
import no.formidling.testsupport.BrokerApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every Correspondence route against every kind of caller, each getting what its role allows. The table must name
 * every route the server maps under {@code /correspondence/api/v1}, so a new route without a row fails.
 */
class CorrespondenceAuthorizationMatrixIT extends CorrespondenceRouteTestBase {
    /** The correspondences and attachments one row works on; fresh for rows that change them. */
    record Fixture(UUID toOrg, UUID toPerson, UUID linked, UUID free, UUID empty) {
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private static Fixture shared;

    @Test
    void everyRouteTheServerMapsHasARow() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith(BASE))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + p))));
        Set<String> rows = new TreeSet<>(routes().map(Route::key).toList());
        assertThat(mapped).as("routes mapped under " + BASE).isNotEmpty().containsExactlyInAnyOrderElementsOf(rows);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("no.formidling.correspondence.CorrespondenceRouteTestBase#routes")
    void eachCallerGetsWhatItsRoleAllows(Route route) throws Exception {
        Map<Caller, String> tokens = tokens();
        Map<Caller, Expect> expected = new EnumMap<>(Caller.class);
        Caller[] explicit = Caller.values();
        for (int i = 0; i < route.expected().size(); i++) {
            expected.put(explicit[i], Expect.of(route.expected().get(i)));
        }
        expected.put(Caller.WRONG_SCOPE, Expect.of("403"));
        expected.put(Caller.NO_TOKEN, Expect.of("401"));

        List<String> mismatches = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            Fixture f = route.changes() ? fixture() : sharedFixture();
            // the person's correspondence for persons, the organisation's for everyone else
            UUID target = caller == Caller.RECIPIENT_PERSON || caller == Caller.OTHER_PERSON ? f.toPerson() : f.toOrg();
            Expect want = expected.get(caller);
            if (want.status() == 200 && caller != Caller.SENDER) {
                prepareForRecipient(route, tokens.get(caller), target);
            }
            BrokerApi.Response r = call(route, tokens.get(caller), f, target);
            String got = r.status() + (r.status() >= 400 ? ":" + r.code() : "");
            boolean ok = r.status() == want.status()
                    && (want.code() == null || want.code().equals(r.code()))
                    && (want.listsTarget() == null || r.body().contains(target.toString()) == want.listsTarget())
                    && (r.status() < 400 || String.valueOf(r.header("Content-Type")).startsWith("application/problem+json"));
            if (!ok) {
                mismatches.add(caller + ": expected " + want + ", got " + got + " " + abbreviate(r));
            }
        }
        assertThat(mismatches).as(route.key()).isEmpty();
    }

    /** A recipient must fetch before read/confirm and read before forwarding; that is the rule, not the access check. */
    private void prepareForRecipient(Route route, String token, UUID target) {
        if (route.pattern().endsWith("/markasread") || route.pattern().endsWith("/confirm")) {
            assertThat(api.get(token, target, "").status()).isEqualTo(200);
        } else if (route.pattern().endsWith("/forward")) {
            assertThat(api.get(token, target, "/content").status()).isEqualTo(200);
        }
    }

    private BrokerApi.Response call(Route route, String token, Fixture f, UUID target) throws Exception {
        UUID attachment = route.attachment() == null ? null : switch (route.attachment()) {
            case LINKED -> f.linked();
            case FREE -> f.free();
            case EMPTY -> f.empty();
        };
        String path = route.pattern().replace("{correspondenceId}", target.toString())
                .replace("{attachmentId}", String.valueOf(attachment));
        BrokerApi http = api.http();
        return switch (route.key()) {
            case "POST " + BASE + "/correspondence" ->
                    http.postJson(path, token, request(RESOURCE, List.of("0192:" + ORG_B), Map.of()));
            case "POST " + BASE + "/correspondence/upload" -> {
                Multipart form = new Multipart()
                        .field("correspondence.resourceId", RESOURCE).field("correspondence.sendersReference", "matrise")
                        .field("correspondence.content.language", "nb").field("correspondence.content.messageTitle", "Vedlagt")
                        .field("correspondence.content.messageBody", "Se vedlegg.").field("recipients[0]", "0192:" + ORG_B)
                        .field("correspondence.content.attachments[0].fileName", "brev æøå.txt")
                        .field("correspondence.content.attachments[0].sendersReference", "v1")
                        .file("attachments", "brev æøå.txt", "Hei".getBytes(StandardCharsets.UTF_8));
                yield http.send(http.request(path, token).header("Content-Type", form.contentType())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
            }
            case "GET " + BASE + "/correspondence" -> http.get(path + "?resourceId=" + CONFIDENTIAL_RESOURCE + "&role=RecipientAndSender", token);
            case "POST " + BASE + "/correspondence/{correspondenceId}/forward" ->
                    http.postJson(path, token, Map.of("forwardTo", "kollega@example.no", "forwardingText", "Til info"));
            case "POST " + BASE + "/attachment" -> http.postJson(path, token, attachmentBody("vedlegg.txt"));
            case "POST " + BASE + "/legacy/correspondence" ->
                    http.postJson(path, token, Map.of("instanceOwnerPartyIdList", List.of(), "includeActive", true, "includeArchived", true));
            case "POST " + BASE + "/attachment/{attachmentId}/upload" -> upload(path, token, content());
            default -> switch (route.method()) {
                case "GET" -> http.get(path, token);
                case "POST" -> http.post(path, token);
                case "DELETE" -> http.delete(path, token);
                default -> throw new IllegalArgumentException(route.method());
            };
        };
    }

    private synchronized Fixture sharedFixture() throws Exception {
        if (shared == null) {
            shared = fixture();
        }
        return shared;
    }

    /** Published, confidential, forwardable correspondences to ORG_B and PERSON sharing one attachment, plus two loose attachments. */
    private Fixture fixture() throws Exception {
        UUID linked = uploaded("vedtak æøå.txt");
        UUID free = uploaded("løst vedlegg.txt");
        BrokerApi.Response empty = api.http().postJson(BASE + "/attachment", owner, attachmentBody("tom.txt"));
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        Map<String, Object> body = request(CONFIDENTIAL_RESOURCE, List.of("0192:" + ORG_B, PERSON), Map.of("allowForwarding", true,
                "isConfidential", true));
        body.put("existingAttachments", List.of(linked.toString()));
        List<UUID> ids = api.initializeOk(owner, body);
        for (UUID id : ids) {
            process.execute(id, "Task_ScanAttachments");
        }
        return new Fixture(ids.get(0), ids.get(1), linked, free, UUID.fromString(empty.json().asText()));
    }

    private UUID uploaded(String fileName) throws Exception {
        BrokerApi.Response init = api.http().postJson(BASE + "/attachment", owner, attachmentBody(fileName));
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        UUID id = UUID.fromString(init.json().asText());
        BrokerApi.Response up = upload(BASE + "/attachment/" + id + "/upload", owner, content());
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        return id;
    }

    private static byte[] content() {
        return "Innhold med æøå".getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> attachmentBody(String fileName) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resourceId", RESOURCE);
        body.put("fileName", fileName);
        body.put("displayName", "Vedlegg");
        body.put("sendersReference", "matrise-" + UUID.randomUUID());
        body.put("checksum", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content())));
        return body;
    }

    private BrokerApi.Response upload(String path, String token, byte[] bytes) {
        return api.http().send(api.http().request(path, token)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private static String abbreviate(BrokerApi.Response r) {
        String body = r.body();
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
