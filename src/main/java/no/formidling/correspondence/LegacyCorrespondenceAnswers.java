package no.formidling.correspondence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceAttachmentExt;
import no.formidling.correspondence.NotificationAnswers.CorrespondenceNotificationOverviewExt;

/**
 * The JSON of the Altinn 2 portal's view (upstream's legacy models). Altinn 2's numeric ids and authentication levels
 * have no counterpart here: they are written as null or 0.
 */
final class LegacyCorrespondenceAnswers {
    private LegacyCorrespondenceAnswers() {
    }

    record LegacyGetCorrespondencesResponse(List<LegacyCorrespondenceItemExt> items) {
    }

    record LegacyCorrespondenceItemExt(UUID correspondenceId, Integer altinn2CorrespondenceId, String messageTitle,
                                       String serviceOwnerName, CorrespondenceStatus status, int minimumAuthenticationLevel,
                                       OffsetDateTime published, CorrespondenceStatus purgedStatus, OffsetDateTime purged,
                                       int instanceOwnerPartyId, OffsetDateTime dueDateTime, OffsetDateTime archived, String messageSender,
                                       OffsetDateTime confirmationDate, @JsonProperty("isConfirmationNeeded") boolean isConfirmationNeeded) {
    }

    /**
     * The API's overview with the portal's fields, and the content's fields at the top level instead of in
     * {@code content}: listed out, so that the OpenAPI document shows this shape.
     */
    record LegacyCorrespondenceOverviewExt(UUID correspondenceId, String resourceId, String sender, String sendersReference,
                                           String messageSender, String recipient,
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
                                           OffsetDateTime statusChanged, OffsetDateTime published,
                                           List<CorrespondenceNotificationOverviewExt> notifications,
                                           int minimumAuthenticationLevel, boolean authorizedForSign, boolean authorizedForWrite,
                                           boolean allowDelete, OffsetDateTime archived, OffsetDateTime confirmationDate,
                                           String language, String messageTitle, String messageSummary, String messageBody,
                                           List<CorrespondenceAttachmentExt> attachments, int instanceOwnerPartyId) {
    }

    record LegacyCorrespondenceStatusExt(CorrespondenceStatus status, OffsetDateTime statusChanged, String statusText,
                                         LegacyUserExt user,
                                         @Schema(description = "Always null: notifications are not part of this history") Object notification,
                                         @Schema(description = "Always null: forwarding is not part of this history") Object forwardingEvent) {
    }

    /** Who changed the status; Altinn 2's party id is unknown here. */
    record LegacyUserExt(Integer partyId, String name) {
    }
}
