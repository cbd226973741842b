package no.formidling.process;

/**
 * Process keys and variable names of bpmn/correspondence.bpmn and bpmn/correspondence-forward-email.bpmn. A time
 * that does not apply is no variable at all (the model asks {@code execution.hasVariable}): every variable is a row
 * written at the start and read by every job of the instance.
 */
final class CorrespondenceProcessKeys {
    static final String PROCESS = "correspondence";
    static final String FORWARD_EMAIL_PROCESS = "correspondence-forward-email";
    static final String VAR_FORWARDING_ID = "forwardingId";
    static final String VAR_REQUESTED_PUBLISH_TIME = "requestedPublishTime";
    static final String VAR_PUBLISHED = "published";
    static final String VAR_ATTACHMENTS_CLEAN = "attachmentsClean";
    static final String VAR_NOTIFICATION_TIME = "notificationTime";
    static final String VAR_SEND_REMINDER = "sendReminder";
    static final String VAR_REMINDER_TIME = "reminderTime";
    static final String VAR_DUE_DATE_TIME = "dueDateTime";
    static final String VAR_DELETE_AFTER = "allowSystemDeleteAfter";
    static final String VAR_ATTACHMENT_EXPIRY_TIME = "attachmentExpiryTime";
    /** The flag an instance of an earlier version of the model loops on while its attachments expire. */
    static final String LEGACY_HAS_ATTACHMENT_EXPIRY = "hasAttachmentExpiry";

    private CorrespondenceProcessKeys() {
    }
}
