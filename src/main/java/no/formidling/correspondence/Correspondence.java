package no.formidling.correspondence;

import java.time.Instant;
import java.util.UUID;

/** One correspondence (one recipient) as stored; JSON-ish fields are kept as their JSON text. */
public record Correspondence(UUID id, String resourceId, String sender, String recipient, String sendersReference,
                             String messageSender, String language, String messageTitle, String messageSummary,
                             String messageBody, Instant requestedPublishTime, Instant dueDateTime,
                             Instant allowSystemDeleteAfter, boolean ignoreReservation, boolean isConfirmationNeeded,
                             boolean isConfidential, boolean allowForwarding, String propertyListJson,
                             String externalReferencesJson, String replyOptionsJson, String notificationJson,
                             UUID idempotentKey, CorrespondenceStatus status, String statusText, Instant statusChanged,
                             Instant created, Instant published) {
}
