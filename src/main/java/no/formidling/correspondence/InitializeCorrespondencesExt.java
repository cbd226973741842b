package no.formidling.correspondence;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The initialize request with upstream's field names (matched case-insensitively). */
record InitializeCorrespondencesExt(@NotNull @Valid BaseCorrespondenceExt correspondence,
                                    @NotNull List<String> recipients,
                                    List<UUID> existingAttachments,
                                    UUID idempotentKey) {

    List<UUID> existingAttachmentIds() {
        return existingAttachments == null ? List.of() : existingAttachments;
    }

    record BaseCorrespondenceExt(@NotBlank @Size(max = 255) String resourceId,
                                 String sender,
                                 @NotBlank @Size(max = 4096) String sendersReference,
                                 @Size(max = 255) String messageSender,
                                 @NotNull @Valid ContentExt content,
                                 OffsetDateTime requestedPublishTime,
                                 OffsetDateTime dueDateTime,
                                 // upstream dropped the field in February 2026 (#1718) and ignores whatever is sent
                                 @JsonDeserialize(using = IgnoredIfNotATime.class) OffsetDateTime allowSystemDeleteAfter,
                                 List<ExternalReferenceExt> externalReferences,
                                 @Size(max = 10, message = "propertyList can contain at most 10 properties") Map<String, String> propertyList,
                                 List<ReplyOptionExt> replyOptions,
                                 @Valid NotificationExt notification,
                                 Boolean ignoreReservation,
                                 @JsonProperty("isConfirmationNeeded") boolean isConfirmationNeeded,
                                 @JsonProperty("isConfidential") boolean isConfidential,
                                 boolean allowForwarding) {
    }

    record ContentExt(String language,
                      @NotNull String messageTitle,
                      String messageSummary,
                      @NotNull String messageBody,
                      List<@Valid AttachmentMetadataExt> attachments) {
    }

    /** Metadata of an attachment uploaded inline with the correspondence (multipart). */
    record AttachmentMetadataExt(String fileName, @Size(max = 255) String displayName,
                                 @JsonProperty("isEncrypted") boolean isEncrypted, String checksum,
                                 @NotBlank @Size(max = 4096) String sendersReference, Integer expirationInDays) {
    }

    record ExternalReferenceExt(@NotBlank String referenceValue, @NotBlank String referenceType) {
    }

    record ReplyOptionExt(String linkURL, String linkText) {
    }

    /**
     * Read as upstream's enum converter does: a name (any case) or a number. A number that names no template is
     * upstream's 3023 (its mapper checks the value after binding; 2, upstream's internal Altinn2Message for migrated
     * Altinn 2 messages, has no counterpart here); an unknown name stays a binding error (400).
     */
    enum NotificationTemplate {
        CustomMessage, GenericAltinnMessage;

        @JsonCreator
        static NotificationTemplate of(Object value) {
            String text = String.valueOf(value).trim();
            if (value instanceof Number || text.matches("[+-]?\\d+")) {
                try {
                    int number = new java.math.BigDecimal(text).intValueExact();
                    if (number >= 0 && number < values().length) {
                        return values()[number];
                    }
                } catch (ArithmeticException | NumberFormatException e) {
                    // a fraction or a number out of int range names no template either
                }
                throw CorrespondenceError.INVALID_NOTIFICATION_TEMPLATE.problem();
            }
            for (NotificationTemplate t : values()) {
                if (t.name().equalsIgnoreCase(text)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("No notification template is named " + text);
        }
    }

    enum NotificationChannel { Email, Sms, EmailPreferred, SmsPreferred, EmailAndSms }

    /** How an email body is sent: as plain text, or as HTML (with a plain-text alternative). */
    enum EmailContentType { Plain, Html }

    record NotificationRecipientExt(String emailAddress, String mobileNumber, String organizationNumber, String nationalIdentityNumber) {
    }

    record NotificationExt(@NotNull NotificationTemplate notificationTemplate,
                           @Size(max = 512) String emailSubject, @Size(max = 10000) String emailBody, @Size(max = 2144) String smsBody,
                           boolean sendReminder,
                           @Size(max = 512) String reminderEmailSubject, @Size(max = 10000) String reminderEmailBody,
                           @Size(max = 2144) String reminderSmsBody,
                           NotificationChannel notificationChannel, NotificationChannel reminderNotificationChannel,
                           String sendersReference, List<NotificationRecipientExt> customRecipients,
                           NotificationRecipientExt customRecipient, boolean overrideRegisteredContactInformation,
                           EmailContentType emailContentType, EmailContentType reminderEmailContentType) {

        /** Upstream's content type: {@code Plain} unless given; the reminder's falls back to the first notification's. */
        boolean htmlEmail(boolean reminder) {
            EmailContentType type = reminder && reminderEmailContentType != null ? reminderEmailContentType : emailContentType;
            return type == EmailContentType.Html;
        }

        NotificationChannel channel() {
            return notificationChannel == null ? NotificationChannel.Email : notificationChannel;
        }

        NotificationChannel reminderChannel() {
            return reminderNotificationChannel == null ? channel() : reminderNotificationChannel;
        }

        List<NotificationRecipientExt> allCustomRecipients() {
            List<NotificationRecipientExt> all = new java.util.ArrayList<>(customRecipients == null ? List.of() : customRecipients);
            if (customRecipient != null) {
                all.add(customRecipient);
            }
            return all;
        }
    }
}
