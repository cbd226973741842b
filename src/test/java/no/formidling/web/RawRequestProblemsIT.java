package no.formidling.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests that Tomcat, Spring Security's firewall or the error dispatch reject before any controller runs still
 * get {@code application/problem+json}: no HTML error page, no Spring Boot default error JSON, no echoed input.
 */
@IntegrationTest
class RawRequestProblemsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    RawHttp http;

    @BeforeEach
    void setUp() {
        http = new RawHttp(port);
    }

    /** The answer is a problem document for this status that does not carry the request's bytes back. */
    static JsonNode assertProblem(RawHttp.Response r, int status, String what) throws Exception {
        assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(what).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(body.path("title").asText()).as(what).isNotBlank();
        assertThat(body.path("type").asText()).as(what).isNotBlank();
        assertThat(body.has("timestamp")).as(what + ": Spring Boot's default error body").isFalse();
        assertThat(r.body()).as(what).doesNotContain("<").doesNotContain("Exception").doesNotContain("Tomcat");
        return body;
    }

    @Test
    void requestLinesTomcatRefusesAreProblems() throws Exception {
        List<String> targets = List.of(
                "/broker/api/v1/filetransfer/%zz",           // malformed percent-encoding
                "/broker/api/v1/filetransfer/%",             // truncated percent-encoding
                "/broker/api/v1/filetransfer/a%00b",          // encoded NUL
                "/broker/api/v1/filetransfer/a%2Fb",          // encoded slash
                "/broker/api/v1/filetransfer/a%5Cb",          // encoded backslash
                "/broker/api/v1/filetransfer/a b",            // raw space in the path
                "/broker/api/v1/filetransfer/<script>alert(1)</script>", // raw '<'
                "/../../etc/passwd");                          // escapes the root
        for (String target : targets) {
            assertProblem(http.get(target), 400, target);
        }
        assertProblem(http.send("G<T / HTTP/1.1", ""), 400, "invalid method token");
        assertProblem(http.send("GET /broker/api/v1/filetransfer HTTP/2.0", ""), 505, "unsupported protocol version");
    }

    @Test
    void headersTomcatRefusesAreProblems() throws Exception {
        assertProblem(http.send("GET /health HTTP/1.1", "X-Big: " + "a".repeat(20_000) + "\r\n"), 400, "header too large");
        assertProblem(http.send("GET /health HTTP/1.1", "Not a header line\r\n"), 400, "malformed header");
        assertProblem(http.send("POST /broker/api/v1/filetransfer HTTP/1.1", "Content-Length: abc\r\n"), 400, "bad Content-Length");
    }

    @Test
    void firewallRejectionsAndTheErrorPathAreProblems() throws Exception {
        // Spring Security's firewall refuses these and Tomcat forwards to /error (Spring Boot's BasicErrorController before)
        assertProblem(http.get("/broker/api/v1/filetransfer;jsessionid=x"), 400, "path parameter");
        assertProblem(http.get("/broker/api/v1/%2e%2e/filetransfer"), 400, "encoded dot segment");
        assertProblem(http.send("GET /broker/api/v1/filetransfer;x=<b> HTTP/1.1", "Accept: text/html\r\n"), 400,
                "a browser's Accept header gets no whitelabel page");
        assertProblem(http.get("/error"), 404, "the error path itself");
    }

    @Test
    void traceIsRefusedAsAProblem() throws Exception {
        RawHttp.Response trace = http.send("TRACE /health HTTP/1.1", "Cookie: secret=1\r\n");
        assertProblem(trace, 405, "TRACE");
        assertThat(trace.body()).doesNotContain("secret");
    }

    @Test
    void authenticationAndUnknownPathsStayProblems() throws Exception {
        assertProblem(http.get("/broker/api/v1/filetransfer/" + java.util.UUID.randomUUID()), 401, "no token");
        assertProblem(http.get("/camunda/no-such-page"), 404, "unknown Cockpit path");
    }
}
