package no.formidling.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on an error no servlet answered: requests it refuses before any application code runs
 * (malformed request line, percent-encoding, headers, unsupported version). Writes a problem document instead of
 * Tomcat's HTML page, and never Tomcat's message, which can quote the request back.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private final ObjectMapper json;

    public ProblemErrorReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's own valve: only an error nobody has answered yet, and only while the connection can take it.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(Problems.of(HttpStatusCode.valueOf(status), null, detail(status))));
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing left to tell it
        }
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: its request line, path, percent-encoding or headers are not valid HTTP.";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed here.";
            case 413, 431 -> "The request or its headers are too large.";
            case 505 -> "Only HTTP/1.1 is supported.";
            default -> status >= 500 ? "An unexpected error occurred." : null;
        };
    }
}
