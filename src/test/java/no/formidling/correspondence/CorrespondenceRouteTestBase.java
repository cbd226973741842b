package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static no.formidling.testsupport.CorrespondenceApi.request;

import java.net.http.HttpRequest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;

/**
 * The table of every Correspondence route against every kind of caller: the sender (service owner), the recipient
 * organisation, the recipient person, another organisation holding both Correspondence scopes, another person, the
 * Altinn platform (notification and forwarding checks), a token with a wrong scope and no token; and their tokens.
 */
abstract class CorrespondenceRouteTestBase extends CorrespondenceTestBase {
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

    Map<Caller, String> tokens() {
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

    BrokerApi.Response send(String method, String path, String token, String contentType, String body) {
        return api.http().send(api.http().request(path, token).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
