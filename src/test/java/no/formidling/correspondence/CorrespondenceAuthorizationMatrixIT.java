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
import java.util.stream.Stream;
import no.formidling.correspondence.CorrespondenceAttachmentsIT.Multipart;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every Correspondence route against every kind of caller: the sender (service owner), the recipient organisation,
 * the recipient person, another organisation holding both Correspondence scopes, another person, the Altinn
 * platform (notification and forwarding checks), a token with a wrong scope and no token. The table must name
 * every route the server maps under {@code /correspondence/api/v1}, so a new route without a row fails.
 */
class CorrespondenceAuthorizationMatrixIT extends CorrespondenceTestBase {
    static final String OTHER_ORG = "310000077";
    static final String PLATFORM_ORG = "310000088";
    static final String PERSON = CorrespondenceApi.pid(151190400);
    static final String OTHER_PERSON = CorrespondenceApi.pid(151190500);

    enum Caller { SENDER, RECIPIENT_ORG, RECIPIENT_PERSON, OTHER_ORG, OTHER_PERSON, PLATFORM, WRONG_SCOPE, NO_TOKEN }

    /** What one caller sees: a status, and a problem code or (search) whether the target's id is listed. */
    record Expect(int status, String code, Boolean listsTarget) {
        static Expect of(String s) {
            return switch (s) {
                case "200+" -> new Expect(200, null, true);
                case "200-" -> new Expect(200, null, false);
                default -> s.contains(":") ? new Expect(Integer.parseInt(s.substring(0, 3)), s.substring(4), null)
                        : new Expect(Integer.parseInt(s), null, null);
            };
        }
    }

    /** The correspondences and attachments one row works on; fresh for rows that change them. */
    record Fixture(UUID toOrg, UUID toPerson, UUID linked, UUID free, UUID empty) {
    }

    enum Attachment { LINKED, FREE, EMPTY }

    /**
     * One route: its mapping, which attachment its {attachmentId} is, whether it changes state (then every caller gets
     * a fresh fixture), and what each caller gets: SENDER, RECIPIENT_ORG, RECIPIENT_PERSON, OTHER_ORG, OTHER_PERSON,
     * PLATFORM. WRONG_SCOPE always gets 403 and NO_TOKEN 401.
     */
    record Route(String method, String pattern, Attachment attachment, boolean changes, List<String> expected) {
        String key() {
            return method + " " + pattern;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static final String DENIED = "401:CORR-04001";

    static Route route(String method, String pattern, Attachment attachment, boolean changes, String... expected) {
        return new Route(method, BASE + pattern, attachment, changes, List.of(expected));
    }

    static Stream<Route> routes() {
        String c = "/correspondence/{correspondenceId}";
        String l = "/legacy" + c;
        return Stream.of(
                //                                                                              sender  rec.org rec.person other org other person platform
                route("POST", "/correspondence", null, true, "200", "403", "403", DENIED, "403", "403"),
                route("POST", "/correspondence/upload", null, true, "200", "403", "403", DENIED, "403", "403"),
                route("GET", "/correspondence", null, false, "200+", "200+", "200+", "200-", "200-", "403"),
                route("GET", c, null, false, "200", "200", "200", DENIED, DENIED, "403"),
                route("GET", c + "/details", null, false, "200", "200", "200", DENIED, DENIED, "403"),
                route("GET", c + "/content", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("POST", c + "/markasread", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("POST", c + "/confirm", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("DELETE", c + "/purge", null, true, "400:CORR-01013", "200", "200", DENIED, DENIED, "403"),
                route("POST", c + "/forward", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("GET", c + "/attachment/{attachmentId}/download", Attachment.LINKED, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("GET", c + "/attachments/downloadall", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("GET", c + "/notification/check", null, false, "200", "200", "200", DENIED, DENIED, "200"),
                route("GET", c + "/notification/check/main", null, false, "200", "200", "200", DENIED, DENIED, "200"),
                route("GET", c + "/forward/check", null, false, "403", "403", "403", "403", "403", "200"),
                route("GET", "/confidential-reminders", null, true, "403", "200", "200", "404:CORR-01062", "404:CORR-01062", "403"),
                route("POST", "/attachment", null, true, "200", "403", "403", DENIED, "403", "403"),
                route("POST", "/attachment/{attachmentId}/upload", Attachment.EMPTY, true, "200", "403", "403", DENIED, "403", "403"),
                route("GET", "/attachment/{attachmentId}", Attachment.FREE, false, "200", "403", "403", DENIED, "403", "403"),
                route("GET", "/attachment/{attachmentId}/details", Attachment.FREE, false, "200", "403", "403", DENIED, "403", "403"),
                route("GET", "/attachment/{attachmentId}/download", Attachment.FREE, false, "200", "403", "403", DENIED, "403", "403"),
                route("DELETE", "/attachment/{attachmentId}", Attachment.FREE, true, "200", "403", "403", DENIED, "403", "403"),
                route("POST", "/legacy/correspondence", null, false, "403", "200+", "200+", "200-", "200-", "403"),
                route("GET", l + "/overview", null, false, "403", "200", "200", DENIED, DENIED, "403"),
                route("GET", l + "/history", null, false, "403", "200", "200", DENIED, DENIED, "403"),
                route("POST", l + "/markasread", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("POST", l + "/confirm", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("POST", l + "/archive", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("DELETE", l + "/purge", null, true, "403", "200", "200", DENIED, DENIED, "403"),
                route("GET", l + "/attachment/{attachmentId}/download", Attachment.LINKED, true, "403", "200", "200", DENIED, DENIED, "403"));
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
    @MethodSource("routes")
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

    /**
     * Checklist 15: whatever a caller allowed on the route sends wrong — ids that are no GUIDs, JSON that does not
     * parse or has the wrong shape, a broken multipart body, nonsense query values, an empty upload — is a 4xx
     * problem+json with no stack trace, never a 500.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void malformedInputIsAClientProblemNeverAServerError(Route route) {
        Caller allowed = Caller.values()[route.expected().indexOf(route.expected().stream().filter(e -> e.startsWith("200")).findFirst().orElseThrow())];
        String token = tokens().get(allowed);
        BrokerApi http = api.http();
        String badIds = route.pattern().replace("{correspondenceId}", "ikke-en-guid").replace("{attachmentId}", "ikke-en-guid");
        List<BrokerApi.Response> answers = new ArrayList<>();
        if (!badIds.equals(route.pattern())) {
            answers.add(send(route.method(), badIds, token, "application/json", "{}"));
        }
        // an unknown id is 404, except for the notification check, which answers {"sendNotification": false} as upstream
        if ((route.pattern().contains("{correspondenceId}") || route.pattern().contains("{attachmentId}"))
                && !route.pattern().contains("/notification/check")) {
            String unknown = route.pattern().replace("{correspondenceId}", UUID.randomUUID().toString())
                    .replace("{attachmentId}", UUID.randomUUID().toString());
            answers.add(send(route.method(), unknown, token, "application/json", "{}"));
        }
        switch (route.key()) {
            case "POST " + BASE + "/correspondence", "POST " + BASE + "/attachment", "POST " + BASE + "/legacy/correspondence" -> {
                answers.add(send("POST", route.pattern(), token, "application/json", "{\"correspondence\": {"));
                answers.add(send("POST", route.pattern(), token, "application/json", "[1, 2]"));
                answers.add(send("POST", route.pattern(), token, "application/json", "{\"correspondence\": \"tekst\", \"recipients\": 7}"));
                answers.add(send("POST", route.pattern(), token, "text/plain", "hei"));
            }
            case "POST " + BASE + "/correspondence/upload" -> {
                answers.add(send("POST", route.pattern(), token, "multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"));
                answers.add(send("POST", route.pattern(), token, "multipart/form-data; boundary=xyz", "--xyz--\r\n"));
            }
            case "GET " + BASE + "/correspondence" -> {
                answers.add(http.get(route.pattern() + "?resourceId=" + RESOURCE + "&role=Ingen&status=99&from=i%20g%C3%A5r"
                        + "&onBehalfOf=abc&idempotentKey=x", token));
                answers.add(http.get(route.pattern() + "?resourceId=finnes-ikke&role=Recipient", token));
            }
            case "POST " + BASE + "/correspondence/{correspondenceId}/forward" ->
                    answers.add(send("POST", route.pattern().replace("{correspondenceId}", UUID.randomUUID().toString()), token, "application/json", "{\"forwardTo\": ["));
            case "POST " + BASE + "/attachment/{attachmentId}/upload" ->
                    answers.add(send("POST", route.pattern().replace("{attachmentId}", UUID.randomUUID().toString()), token, "application/octet-stream", ""));
            case "GET " + BASE + "/confidential-reminders" -> answers.add(send("DELETE", route.pattern(), token, "application/json", "{}"));
            default -> {
            }
        }
        assertThat(answers).as(route.key()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).as(r.body()).isBetween(400, 499);
            assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("Exception", "\tat ");
        });
    }

    private BrokerApi.Response send(String method, String path, String token, String contentType, String body) {
        return api.http().send(api.http().request(path, token).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
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

    private Map<Caller, String> tokens() {
        Map<Caller, String> t = new EnumMap<>(Caller.class);
        t.put(Caller.SENDER, owner);
        t.put(Caller.RECIPIENT_ORG, api.orgToken(ORG_B, READ));
        t.put(Caller.RECIPIENT_PERSON, api.personToken(PERSON, READ));
        t.put(Caller.OTHER_ORG, api.orgToken(OTHER_ORG, READ + " altinn:correspondence.write"));
        t.put(Caller.OTHER_PERSON, api.personToken(OTHER_PERSON, READ));
        t.put(Caller.PLATFORM, api.orgToken(PLATFORM_ORG, "altinn:system/notifications.condition.check altinn:correspondence.forward.check"));
        t.put(Caller.WRONG_SCOPE, api.orgToken(ORG_B, "altinn:broker.read"));
        t.put(Caller.NO_TOKEN, null);
        return t;
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
            process.execute(id, "Task_MarkReadyForPublish");
            process.execute(id, "Event_PublishTimeReached");
            process.execute(id, "Task_PublishCorrespondence");
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
