package no.formidling.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Turns outbox rows into CloudEvents 1.0 structured JSON, with Altinn's extension attributes. */
@Component
class CloudEventMessages {
    static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    static final String VALIDATION_TYPE = "platform.events.validatesubscription";
    private static final String ORG_URN_PREFIX = "urn:altinn:organization:identifier-no:";

    private final EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
    private final String baseUrl;

    CloudEventMessages(@Value("${formidling.base-url}") String baseUrl) {
        this.baseUrl = baseUrl;
    }

    byte[] of(DeliveryQueue.OutboxEvent e) {
        CloudEventBuilder b = CloudEventBuilder.v1()
                .withId(e.id().toString())
                .withSource(URI.create(e.source()))
                .withType(e.type())
                .withTime(e.time().atOffset(ZoneOffset.UTC))
                .withSubject(e.subject())
                .withExtension("resource", e.resource())
                .withExtension("resourceinstance", e.resourceInstance());
        if (e.subject() != null && e.subject().startsWith(ORG_URN_PREFIX)) {
            // Altinn Events gives organisation subjects this alternative form.
            b.withExtension("alternativesubject", "/organisation/" + e.subject().substring(ORG_URN_PREFIX.length()));
        }
        if (e.data() != null) {
            b.withData("application/json", e.data().getBytes(StandardCharsets.UTF_8));
        }
        return format.serialize(b.build());
    }

    /** The event Altinn Events sends a new subscription's endpoint before it delivers anything else. */
    byte[] validation(long subscriptionId, Instant now) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(baseUrl + "/events/api/v1/subscriptions/" + subscriptionId))
                .withType(VALIDATION_TYPE)
                .withTime(now.atOffset(ZoneOffset.UTC))
                .build();
        return format.serialize(event);
    }
}
