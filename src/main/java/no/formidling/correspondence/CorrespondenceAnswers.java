package no.formidling.correspondence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The JSON the Correspondence API answers with for a correspondence, field for field and in the order upstream's
 * models write them. Fields kept as the sender gave them ({@code externalReferences}, {@code propertyList},
 * {@code replyOptions}, {@code notification}) are passed through as stored, documented with the request's types.
 */
final class CorrespondenceAnswers {
    private CorrespondenceAnswers() {
    }

    /** What overview and details share, written first in both. */
    record CorrespondenceFieldsExt(UUID correspondenceId, String resourceId, String sender, String sendersReference,
                                   String messageSender, String recipient, CorrespondenceContentExt content,
                                   OffsetDateTime requestedPublishTime, OffsetDateTime allowSystemDeleteAfter,
                                   OffsetDateTime dueDateTime,
                                   @ArraySchema(schema = @Schema(implementation = InitializeCorrespondencesExt.ExternalReferenceExt.class))
                                   JsonNode externalReferences,
                                   @Schema(type = "object", additionalPropertiesSchema = String.class) JsonNode propertyList,
                                   @ArraySchema(schema = @Schema(implementation = InitializeCorrespondencesExt.ReplyOptionExt.class))
                                   JsonNode replyOptions,
                                   @Schema(implementation = InitializeCorrespondencesExt.NotificationExt.class) JsonNode notification,
                                   boolean ignoreReservation,
                                   @JsonProperty("isConfirmationNeeded") boolean isConfirmationNeeded,
                                   @JsonProperty("isConfidential") boolean isConfidential,
                                   boolean allowForwarding, OffsetDateTime created, CorrespondenceStatus status, String statusText,
                                   OffsetDateTime statusChanged, OffsetDateTime published) {
    }

    record CorrespondenceOverviewExt(@JsonUnwrapped CorrespondenceFieldsExt fields,
                                     List<NotificationAnswers.CorrespondenceNotificationOverviewExt> notifications) {
    }

    /** The overview's fields with each notification in full, the status history and the dialog's label. */
    record CorrespondenceDetailsExt(@JsonUnwrapped CorrespondenceFieldsExt fields,
                                    List<NotificationAnswers.NotificationDetailsExt> notifications,
                                    List<CorrespondenceStatusEventExt> statusHistory,
                                    String systemLabel) {
    }

    record CorrespondenceContentExt(String language, String messageTitle, String messageSummary, String messageBody,
                                    List<CorrespondenceAttachmentExt> attachments) {
    }

    record CorrespondenceAttachmentExt(String fileName, String displayName, @JsonProperty("isEncrypted") boolean isEncrypted,
                                       String checksum, String sendersReference, UUID id, String dataLocationType,
                                       OffsetDateTime created, AttachmentStatus status, String statusText,
                                       OffsetDateTime statusChanged, String dataType, OffsetDateTime expirationTime) {
    }

    record CorrespondenceStatusEventExt(CorrespondenceStatus status, String statusText, OffsetDateTime statusChanged) {
    }
}
