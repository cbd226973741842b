package no.formidling.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem details shaped as ASP.NET Core and Altinn's ProblemDetails library shape them. */
public final class Problems {
    private static final Map<Integer, String> RFC9110_SECTIONS = Map.ofEntries(
            Map.entry(400, "15.5.1"), Map.entry(401, "15.5.2"), Map.entry(403, "15.5.4"), Map.entry(404, "15.5.5"),
            Map.entry(405, "15.5.6"), Map.entry(406, "15.5.7"), Map.entry(409, "15.5.10"), Map.entry(411, "15.5.12"),
            Map.entry(412, "15.5.13"), Map.entry(413, "15.5.14"), Map.entry(415, "15.5.16"), Map.entry(416, "15.5.17"),
            Map.entry(422, "15.5.21"), Map.entry(500, "15.6.1"), Map.entry(503, "15.6.4"));

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        String section = RFC9110_SECTIONS.get(status.value());
        p.setType(URI.create(section == null ? "about:blank" : "https://tools.ietf.org/html/rfc9110#section-" + section));
        p.setTitle(title(status.value()));
        if (code != null) {
            p.setProperty("code", code);
            if (code.startsWith("CORR-")) {
                // Correspondence also sends the number alone, as upstream's errorCode extension
                p.setProperty("errorCode", Integer.parseInt(code.substring(5)));
            }
        }
        p.setProperty("traceId", "00-" + UUID.randomUUID().toString().replace("-", "") + "-" + Long.toHexString(System.nanoTime() & 0xffffffffffffL) + "-00");
        return p;
    }

    /** RFC 9110's reason phrases (Spring still has some older wordings). */
    static String title(int status) {
        return switch (status) {
            case 413 -> "Content Too Large";
            case 416 -> "Range Not Satisfiable";
            case 422 -> "Unprocessable Content";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null ? "Error" : known.getReasonPhrase();
            }
        };
    }

    /** A model-validation failure: 400 with the failing fields, as ASP.NET's ValidationProblemDetails. */
    public static ProblemDetail validation(Map<String, List<String>> errors) {
        ProblemDetail p = of(HttpStatus.BAD_REQUEST, null, "One or more validation errors occurred.");
        p.setTitle("One or more validation errors occurred.");
        p.setDetail(null);
        p.setProperty("errors", errors);
        return p;
    }
}
