package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Correspondence route, sent malformed input by a caller it allows: a client problem, never a server error. */
class CorrespondenceMalformedInputIT extends CorrespondenceRouteTestBase {
    /**
     * Checklist 15: whatever a caller allowed on the route sends wrong — ids that are no GUIDs, JSON that does not
     * parse or has the wrong shape, a broken multipart body, nonsense query values, an empty upload — is a 4xx
     * problem+json with no stack trace, never a 500.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("no.formidling.correspondence.CorrespondenceRouteTestBase#routes")
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
}
