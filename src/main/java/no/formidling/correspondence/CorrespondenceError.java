package no.formidling.correspondence;

import no.formidling.web.AltinnError;
import org.springframework.http.HttpStatus;

/** Upstream's numbered Correspondence errors with their status and message; sent as {@code CORR-0NNNN} plus {@code errorCode}. */
public enum CorrespondenceError implements AltinnError {
    NOT_FOUND(1001, HttpStatus.NOT_FOUND, "The requested correspondence was not found"),
    TITLE_NOT_PLAIN_TEXT(1002, HttpStatus.BAD_REQUEST, "Message title must be plain text"),
    BODY_NOT_MARKDOWN(1003, HttpStatus.BAD_REQUEST, "Message body must be markdown"),
    SUMMARY_NOT_PLAIN_TEXT(1004, HttpStatus.BAD_REQUEST, "Message summary must be plain text"),
    FILES_DO_NOT_MATCH_ATTACHMENTS(1005, HttpStatus.BAD_REQUEST, "Mismatch between uploaded files and attachment metadata"),
    DUPLICATE_RECIPIENTS(1006, HttpStatus.BAD_REQUEST, "Recipients must be unique"),
    EXISTING_ATTACHMENT_NOT_FOUND(1007, HttpStatus.BAD_REQUEST, "Existing attachment not found"),
    DUE_DATE_PRIOR_TODAY(1008, HttpStatus.BAD_REQUEST, "DueDateTime cannot be prior to today"),
    DUE_DATE_PRIOR_PUBLISH(1009, HttpStatus.BAD_REQUEST, "DueDateTime cannot be prior to RequestedPublishTime"),
    CANT_PURGE_PUBLISHED(1013, HttpStatus.BAD_REQUEST, "Sender cannot delete correspondence that has been published"),
    ALREADY_PURGED(1014, HttpStatus.BAD_REQUEST, "Correspondence has already been purged"),
    DUE_DATE_REQUIRED(1016, HttpStatus.BAD_REQUEST, "DueDateTime is required when confirmation is needed"),
    INVALID_SENDER_FOR_ATTACHMENT(1017, HttpStatus.BAD_REQUEST, "The sender of the correspondence must be equal the sender of existing attachments"),
    ATTACHMENT_NOT_PUBLISHED(1018, HttpStatus.BAD_REQUEST, "Attachment is not published"),
    MISSING_CONTENT(1019, HttpStatus.BAD_REQUEST, "The Content field must be provided for the correspondence"),
    TITLE_EMPTY(1020, HttpStatus.BAD_REQUEST, "Message title cannot be empty"),
    BODY_EMPTY(1021, HttpStatus.BAD_REQUEST, "Message body cannot be empty"),
    BODY_TOO_LONG(1022, HttpStatus.BAD_REQUEST, "Message body cannot exceed 30000 characters"),
    INVALID_LANGUAGE(1023, HttpStatus.BAD_REQUEST, "Invalid language chosen. Supported languages is Norsk bokmål (nb), Nynorsk (nn) and English (en)"),
    READ_BEFORE_FETCHED(1024, HttpStatus.BAD_REQUEST, "Correspondence must be fetched before it can be read"),
    CONFIRM_BEFORE_FETCHED(1025, HttpStatus.BAD_REQUEST, "Correspondence must be fetched before it can be confirmed"),
    ARCHIVE_BEFORE_CONFIRMED(1026, HttpStatus.BAD_REQUEST, "Cannot archive or delete a correspondence which has not been confirmed when confirmation is required"),
    INVALID_DATE_RANGE(1027, HttpStatus.BAD_REQUEST, "From date cannot be after to date"),
    RECIPIENT_RESERVED(1030, HttpStatus.UNPROCESSABLE_ENTITY, "Recipient %s has reserved themselves from public correspondences. Can be overridden using the 'IgnoreReservation' flag."),
    INVALID_IDEMPOTENCY_KEY(1033, HttpStatus.BAD_REQUEST, "The idempotency key must be a valid non-empty GUID"),
    DUPLICATE_IDEMPOTENT_KEY(1034, HttpStatus.CONFLICT, "A correspondence with the same idempotent key already exists"),
    INVALID_REPLY_OPTIONS(1035, HttpStatus.BAD_REQUEST, "Reply options must be well-formed URIs and HTTPS with a max length of 255 characters"),
    INVALID_RESOURCE(1036, HttpStatus.BAD_REQUEST, "ResourceId must match an existing resource in the resource registry"),
    TITLE_TOO_LONG(1037, HttpStatus.BAD_REQUEST, "Message title cannot exceed 255 characters"),
    TOO_MANY_ATTACHMENTS(1038, HttpStatus.BAD_REQUEST, "A correspondence cannot contain more than 100 attachments in total"),
    MESSAGE_SENDER_NOT_PLAIN_TEXT(1039, HttpStatus.BAD_REQUEST, "Message sender must be plain text"),
    ALREADY_READ(1040, HttpStatus.BAD_REQUEST, "Correspondence is already marked as read"),
    ALREADY_CONFIRMED(1041, HttpStatus.BAD_REQUEST, "Correspondence has already been confirmed"),
    SUMMARY_WRONG_LENGTH(1042, HttpStatus.BAD_REQUEST, "Message summary, if not null, must be between 0 and 255 characters long"),
    IDEMPOTENT_KEY_WITH_MANY_RECIPIENTS(1047, HttpStatus.BAD_REQUEST, "Idempotency key is not supported for requests with multiple recipients"),
    EXISTING_ATTACHMENT_EXPIRING_SOON(1055, HttpStatus.BAD_REQUEST, "Existing attachment is expiring within %d hour(s) and cannot be attached to a new correspondence"),
    CONFIDENTIAL_RESOURCE_WITHOUT_FLAG(1060, HttpStatus.BAD_REQUEST, "Confidential correspondences (resources with the access package post-til-virksomheten-med-taushetsbelagt-innhold) cannot be initialized without setting the 'IsConfidential' flag to true"),
    CONFIDENTIAL_FLAG_ON_NON_CONFIDENTIAL_RESOURCE(1061, HttpStatus.BAD_REQUEST, "Correspondences cannot be initialized with 'IsConfidential' flag set to true if the resource is not confidential"),
    UNREAD_CONFIDENTIAL_NOT_FOUND(1062, HttpStatus.NOT_FOUND, "No unread confidential correspondences found"),
    FORWARDING_NOT_ALLOWED(1063, HttpStatus.BAD_REQUEST, "Correspondence does not allow forwarding"),
    ALREADY_FORWARDED(1064, HttpStatus.BAD_REQUEST, "Correspondence has already been forwarded to the specified recipient"),
    FORWARD_BEFORE_READ(1065, HttpStatus.BAD_REQUEST, "Correspondence must be read before it can be forwarded"),
    FORWARDING_TEXT_TOO_LONG(1066, HttpStatus.BAD_REQUEST, "Forwarding text cannot exceed 200 characters"),
    FORWARDING_TEXT_NOT_PLAIN_TEXT(1067, HttpStatus.BAD_REQUEST, "Forwarding text must be plain text"),
    FORWARDING_WITH_AUTHENTICATION_LEVEL(1068, HttpStatus.BAD_REQUEST, "Correspondence cannot allow forwarding if the resource for the correspondence has a required authorization level above 0"),
    FORWARDING_WITH_LARGE_ATTACHMENTS(1069, HttpStatus.BAD_REQUEST, "Correspondence cannot allow forwarding if the total size of attachments exceeds 10 MB"),
    ATTACHMENT_NOT_FOUND(2001, HttpStatus.NOT_FOUND, "The requested attachment was not found"),
    FILE_TOO_LARGE(2004, HttpStatus.BAD_REQUEST, "File must have content and has a max file size of %s"),
    FILE_ALREADY_UPLOADED(2005, HttpStatus.BAD_REQUEST, "File has already been or is being uploaded"),
    FILE_PURGED(2006, HttpStatus.BAD_REQUEST, "File has already been purged"),
    ATTACHMENT_LINKED(2007, HttpStatus.BAD_REQUEST, "Attachment cannot be purged as it is linked to at least one existing correspondence"),
    CHECKSUM_MISMATCH(2008, HttpStatus.BAD_REQUEST, "Checksum mismatch"),
    FILENAME_MISSING(2010, HttpStatus.BAD_REQUEST, "Filename is missing"),
    FILENAME_TOO_LONG(2011, HttpStatus.BAD_REQUEST, "Filename is too long"),
    FILENAME_INVALID(2012, HttpStatus.BAD_REQUEST, "Filename contains invalid characters. The ruleset is based on Windows file naming convention which is defined here: https://learn.microsoft.com/en-us/windows/win32/fileio/naming-a-file#file-and-directory-names"),
    FILETYPE_NOT_ALLOWED(2013, HttpStatus.BAD_REQUEST, "Filetype not allowed"),
    ATTACHED_TO_PUBLISHED(2016, HttpStatus.BAD_REQUEST, "This attachment is associated with a published correspondence and can no longer be accessed by service owner"),
    EXPIRATION_TOO_SOON(2017, HttpStatus.BAD_REQUEST, "Attachment expirationTime must be at least %d days from now"),
    DOWNLOAD_PURGED_ATTACHMENT(2019, HttpStatus.BAD_REQUEST, "The attachment has been purged and cannot be downloaded"),
    DOWNLOAD_EXPIRED_ATTACHMENT(2020, HttpStatus.BAD_REQUEST, "The attachment has expired and cannot be downloaded"),
    FILENAME_RESERVED(2021, HttpStatus.BAD_REQUEST, "The filename uses a Windows reserved name. Files cannot be named CON, PRN, AUX, NUL, COM1-COM9, or LPT1-LPT9 (e.g., 'CON.txt' is not allowed, but 'CONSOLE.txt' is)."),
    ZIP_TOO_LARGE(2023, HttpStatus.BAD_REQUEST, "Total size of attachments exceeds the maximum allowed for zip download (25 MB)"),
    MISSING_EMAIL_CONTENT(3002, HttpStatus.BAD_REQUEST, "Email body and subject must be provided when sending email notifications"),
    MISSING_EMAIL_REMINDER_CONTENT(3003, HttpStatus.BAD_REQUEST, "Reminder email body and subject must be provided when sending reminder email notifications"),
    MISSING_SMS_CONTENT(3004, HttpStatus.BAD_REQUEST, "SMS body must be provided when sending SMS notifications"),
    MISSING_SMS_REMINDER_CONTENT(3005, HttpStatus.BAD_REQUEST, "Reminder SMS body must be provided when sending reminder SMS notifications"),
    MISSING_PREFERRED_CHANNEL(3006, HttpStatus.BAD_REQUEST, "Email body, subject and SMS body must be provided when sending preferred notifications"),
    MISSING_PREFERRED_REMINDER_CHANNEL(3007, HttpStatus.BAD_REQUEST, "Reminder email body, subject and SMS body must be provided when sending reminder preferred notifications"),
    INVALID_EMAIL(3011, HttpStatus.BAD_REQUEST, "Invalid email provided for custom recipient."),
    INVALID_MOBILE_NUMBER(3012, HttpStatus.BAD_REQUEST, "Invalid mobile number provided. Mobile number can contain only '+' and numeric characters, and it must adhere to the E.164 standard."),
    CUSTOM_RECIPIENT_WITH_RECIPIENT_NAME(3015, HttpStatus.BAD_REQUEST, "Recipient overrides with email or mobile number are not allowed when using notification recipient name because of name lookup"),
    CUSTOM_RECIPIENT_WITH_MANY_RECIPIENTS(3017, HttpStatus.BAD_REQUEST, "Custom recipient with multiple recipients is not allowed"),
    CUSTOM_RECIPIENT_WITH_MANY_IDENTIFIERS(3018, HttpStatus.BAD_REQUEST, "Custom recipient with multiple identifiers is not allowed"),
    CUSTOM_RECIPIENT_WITHOUT_IDENTIFIER(3019, HttpStatus.BAD_REQUEST, "Custom recipient without identifier is not allowed"),
    OVERRIDE_WITHOUT_CUSTOM_RECIPIENTS(3022, HttpStatus.BAD_REQUEST, "OverrideRegisteredContactInformation flag can only be used when CustomRecipients is provided"),
    INVALID_NOTIFICATION_TEMPLATE(3023, HttpStatus.BAD_REQUEST, "Invalid notification template"),
    MISSING_EMAIL_AND_SMS_CONTENT(3024, HttpStatus.BAD_REQUEST, "Email body, subject and SMS body must be provided when sending email and SMS notifications"),
    MISSING_EMAIL_AND_SMS_REMINDER_CONTENT(3025, HttpStatus.BAD_REQUEST, "Reminder email body, subject and SMS body must be provided when sending reminder email and SMS notifications"),
    FORWARD_TO_TOO_LONG(3027, HttpStatus.BAD_REQUEST, "Email address provided for forwarding correspondence exceeds 1000 characters"),
    CREATE_FORWARD_EMAIL_FAILED(3028, HttpStatus.INTERNAL_SERVER_ERROR, "Failed to create composed email for correspondence"),
    NO_ACCESS_TO_RESOURCE(4001, HttpStatus.UNAUTHORIZED, "You must use an Altinn token, DialogToken or log in to IDPorten as someone with access to the resource and organization in Altinn Authorization"),
    COULD_NOT_DETERMINE_CALLER(4006, HttpStatus.UNAUTHORIZED, "Could not determine caller");

    private final int number;
    private final HttpStatus status;
    private final String message;

    CorrespondenceError(int number, HttpStatus status, String message) {
        this.number = number;
        this.status = status;
        this.message = message;
    }

    @Override
    public String codePrefix() {
        return "CORR";
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public HttpStatus status() {
        return status;
    }

    @Override
    public String message() {
        return message;
    }
}
