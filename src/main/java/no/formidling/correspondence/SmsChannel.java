package no.formidling.correspondence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends SMS through a configurable HTTP webhook ({@code formidling.correspondence.sms-webhook-url}): a JSON POST
 * {@code {"notificationId","correspondenceId","to","body","isReminder"}}; any 2xx answer counts as delivered.
 * Without a URL the messages are logged.
 */
@Component
class SmsChannel {
    private static final Logger log = LoggerFactory.getLogger(SmsChannel.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String webhookUrl;
    private final ObjectMapper json;

    /** The JSON posted to the webhook. */
    record SmsWebhookMessage(UUID notificationId, UUID correspondenceId, String to, String body,
                             @JsonProperty("isReminder") boolean isReminder) {
    }

    SmsChannel(@Value("${formidling.correspondence.sms-webhook-url:}") String webhookUrl, ObjectMapper json) {
        this.webhookUrl = webhookUrl;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (webhookUrl.isBlank()) {
            log.warn("formidling.correspondence.sms-webhook-url is not set: correspondence SMS notifications are written to the log, not sent");
        }
    }

    /** @return a note for the history when the SMS was only logged, else null */
    String send(UUID notificationId, UUID correspondenceId, String to, String body, boolean reminder) {
        if (webhookUrl.isBlank()) {
            log.info("SMS (not sent, no webhook) to {}: {}", to, body);
            return "Logged: no SMS webhook configured";
        }
        SmsWebhookMessage payload = new SmsWebhookMessage(notificationId, correspondenceId, to, body, reminder);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(payload))).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new DeliveryFailedException("SMS webhook answered " + response.statusCode(), null);
            }
            return null;
        } catch (IOException e) {
            throw new DeliveryFailedException("SMS webhook failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("Interrupted", e);
        }
    }
}
