package no.formidling.events;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An event delivery as the admin API and the ops console show it. */
public record DeliveryView(long id, long subscriptionId, String endPoint, UUID eventId, String type, String resourceInstance,
                           String subject, String state, int attempts, OffsetDateTime nextAttempt, String lastError,
                           OffsetDateTime created, OffsetDateTime finished) {
}
