package no.formidling.process;

/** Process keys and variable names of bpmn/correspondence.bpmn and bpmn/correspondence-forward-email.bpmn. */
final class CorrespondenceProcessKeys {
    static final String PROCESS = "correspondence";
    static final String FORWARD_EMAIL_PROCESS = "correspondence-forward-email";
    static final String VAR_FORWARDING_ID = "forwardingId";
    static final String VAR_CORRESPONDENCE_ID = "correspondenceId";
    static final String VAR_REQUESTED_PUBLISH_TIME = "requestedPublishTime";
    static final String VAR_PUBLISHED = "published";
    static final String VAR_ATTACHMENTS_CLEAN = "attachmentsClean";
    static final String VAR_HAS_NOTIFICATION = "hasNotification";
    static final String VAR_NOTIFICATION_TIME = "notificationTime";
    static final String VAR_SEND_REMINDER = "sendReminder";
    static final String VAR_REMINDER_TIME = "reminderTime";
    static final String VAR_HAS_DUE_DATE = "hasDueDate";
    static final String VAR_DUE_DATE_TIME = "dueDateTime";
    static final String VAR_HAS_DELETE_AFTER = "hasAllowSystemDeleteAfter";
    static final String VAR_DELETE_AFTER = "allowSystemDeleteAfter";
    static final String VAR_HAS_ATTACHMENT_EXPIRY = "hasAttachmentExpiry";
    static final String VAR_ATTACHMENT_EXPIRY_TIME = "attachmentExpiryTime";

    private CorrespondenceProcessKeys() {
    }
}
