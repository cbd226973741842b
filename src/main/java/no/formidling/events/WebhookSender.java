package no.formidling.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.stereotype.Component;

/** POSTs one CloudEvent to a subscriber, with the configured timeouts. Never follows redirects. */
@Component
class WebhookSender {
    private final HttpClient http;
    private final EventProperties props;

    WebhookSender(EventProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder().connectTimeout(props.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Null when the endpoint answered 2xx, otherwise why not. */
    String send(String endPoint, byte[] cloudEvent) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endPoint))
                    .timeout(props.requestTimeout())
                    .header("Content-Type", CloudEventMessages.CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(cloudEvent))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
