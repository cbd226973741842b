package no.formidling.correspondence;

import static no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel.*;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import no.formidling.correspondence.InitializeCorrespondencesExt.BaseCorrespondenceExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.ContentExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationRecipientExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationTemplate;
import no.formidling.correspondence.InitializeCorrespondencesExt.ReplyOptionExt;

/** Upstream's content, date, reply-option and notification rules for initialize; each failure is its CORR error. */
final class CorrespondenceRules {
    static final int MAX_ATTACHMENTS = 100;
    private static final Pattern HTML_TAG = Pattern.compile("<\\s*/?\\s*[a-zA-Z!][^>]*>");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern E164 = Pattern.compile("^\\+?[1-9]\\d{4,14}$");
    private static final Set<String> LANGUAGES = Set.of("nb", "nn", "en");
    private static final String RECIPIENT_NAME = "$recipientname$";

    private CorrespondenceRules() {
    }

    static boolean isPlainText(String text) {
        return text == null || !HTML_TAG.matcher(text).find();
    }

    static void checkContent(ContentExt content) {
        if (content == null) {
            throw CorrespondenceError.MISSING_CONTENT.problem();
        }
        if (content.messageTitle().isBlank()) {
            throw CorrespondenceError.TITLE_EMPTY.problem();
        }
        if (!isPlainText(content.messageTitle())) {
            throw CorrespondenceError.TITLE_NOT_PLAIN_TEXT.problem();
        }
        if (content.messageTitle().length() > 255) {
            throw CorrespondenceError.TITLE_TOO_LONG.problem();
        }
        if (content.messageSummary() != null && content.messageSummary().length() > 255) {
            throw CorrespondenceError.SUMMARY_WRONG_LENGTH.problem();
        }
        if (!isPlainText(content.messageBody())) {
            throw CorrespondenceError.BODY_NOT_MARKDOWN.problem();
        }
        if (content.messageBody().isEmpty()) {
            throw CorrespondenceError.BODY_EMPTY.problem();
        }
        if (content.messageBody().length() > 30_000) {
            throw CorrespondenceError.BODY_TOO_LONG.problem();
        }
        if (content.language() != null && !LANGUAGES.contains(content.language().toLowerCase(Locale.ROOT))) {
            throw CorrespondenceError.INVALID_LANGUAGE.problem();
        }
    }

    static void checkSenderAndDates(BaseCorrespondenceExt c, Instant now, Instant publishTime) {
        if (c.messageSender() != null && !isPlainText(c.messageSender())) {
            throw CorrespondenceError.MESSAGE_SENDER_NOT_PLAIN_TEXT.problem();
        }
        if (c.isConfirmationNeeded() && c.dueDateTime() == null) {
            throw CorrespondenceError.DUE_DATE_REQUIRED.problem();
        }
        if (c.dueDateTime() != null) {
            Instant due = c.dueDateTime().toInstant();
            if (due.isBefore(now)) {
                throw CorrespondenceError.DUE_DATE_PRIOR_TODAY.problem();
            }
            if (due.isBefore(publishTime)) {
                throw CorrespondenceError.DUE_DATE_PRIOR_PUBLISH.problem();
            }
        }
    }

    /**
     * {@code allowSystemDeleteAfter} as far as we still honour it: upstream stopped reading it in February 2026 (#1718),
     * so nothing about it is refused any more (it was 1010-1012); a time that lies before now, the publish time or the
     * due date is ignored rather than purging the correspondence early.
     */
    static Instant honouredDeleteAfter(BaseCorrespondenceExt c, Instant now, Instant publishTime) {
        if (c.allowSystemDeleteAfter() == null) {
            return null;
        }
        Instant deleteAfter = c.allowSystemDeleteAfter().toInstant();
        boolean tooEarly = deleteAfter.isBefore(now) || deleteAfter.isBefore(publishTime)
                || (c.dueDateTime() != null && deleteAfter.isBefore(c.dueDateTime().toInstant()));
        return tooEarly ? null : deleteAfter;
    }

    static void checkReplyOptions(List<ReplyOptionExt> options) {
        if (options == null) {
            return;
        }
        for (ReplyOptionExt option : options) {
            String url = option.linkURL();
            if (url == null || url.length() > 255 || !isHttpsUri(url)) {
                throw CorrespondenceError.INVALID_REPLY_OPTIONS.problem();
            }
        }
    }

    private static boolean isHttpsUri(String url) {
        try {
            URI uri = new URI(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Upstream's ValidateNotification: first the custom recipients (3022, 3017, then each one's 3019/3018, 3015,
     * 3011, 3012), then the texts each channel needs.
     */
    static void checkNotification(NotificationExt n, int recipients) {
        if (n == null) {
            return;
        }
        List<NotificationRecipientExt> custom = n.allCustomRecipients();
        if (n.overrideRegisteredContactInformation() && custom.isEmpty()) {
            throw CorrespondenceError.OVERRIDE_WITHOUT_CUSTOM_RECIPIENTS.problem();
        }
        if (!custom.isEmpty() && recipients > 1) {
            throw CorrespondenceError.CUSTOM_RECIPIENT_WITH_MANY_RECIPIENTS.problem();
        }
        for (var recipient : custom) {
            checkCustomRecipient(recipient, n);
        }
        if (n.notificationTemplate() == NotificationTemplate.GenericAltinnMessage) {
            return;
        }
        boolean email = present(n.emailSubject()) && present(n.emailBody());
        boolean sms = present(n.smsBody());
        boolean reminderEmail = present(n.reminderEmailSubject()) && present(n.reminderEmailBody());
        boolean reminderSms = present(n.reminderSmsBody());
        NotificationChannel channel = n.channel();
        NotificationChannel reminder = n.reminderChannel();
        if (channel == Email && !email) {
            throw CorrespondenceError.MISSING_EMAIL_CONTENT.problem();
        }
        if (reminder == Email && n.sendReminder() && !reminderEmail) {
            throw CorrespondenceError.MISSING_EMAIL_REMINDER_CONTENT.problem();
        }
        if (channel == Sms && !sms) {
            throw CorrespondenceError.MISSING_SMS_CONTENT.problem();
        }
        if (reminder == Sms && n.sendReminder() && !reminderSms) {
            throw CorrespondenceError.MISSING_SMS_REMINDER_CONTENT.problem();
        }
        if ((channel == EmailPreferred || channel == SmsPreferred) && !(email && sms)) {
            throw CorrespondenceError.MISSING_PREFERRED_CHANNEL.problem();
        }
        if ((reminder == EmailPreferred || reminder == SmsPreferred) && n.sendReminder() && !(reminderEmail && reminderSms)) {
            throw CorrespondenceError.MISSING_PREFERRED_REMINDER_CHANNEL.problem();
        }
        if (channel == EmailAndSms && !(email && sms)) {
            throw CorrespondenceError.MISSING_EMAIL_AND_SMS_CONTENT.problem();
        }
        if (reminder == EmailAndSms && n.sendReminder() && !(reminderEmail && reminderSms)) {
            throw CorrespondenceError.MISSING_EMAIL_AND_SMS_REMINDER_CONTENT.problem();
        }
    }

    /** Exactly one identifier (3019 none, 3018 several); an address rules out $recipientName$ (3015); then its syntax. */
    private static void checkCustomRecipient(NotificationRecipientExt recipient, NotificationExt n) {
        long identifiers = Stream.of(recipient.organizationNumber(), recipient.nationalIdentityNumber(), recipient.emailAddress(),
                recipient.mobileNumber()).filter(CorrespondenceRules::present).count();
        if (identifiers == 0) {
            throw CorrespondenceError.CUSTOM_RECIPIENT_WITHOUT_IDENTIFIER.problem();
        }
        if (identifiers > 1) {
            throw CorrespondenceError.CUSTOM_RECIPIENT_WITH_MANY_IDENTIFIERS.problem();
        }
        // upstream's name lookup cannot name a bare address; it looks for the keyword in any case
        if ((recipient.emailAddress() != null || recipient.mobileNumber() != null)
                && Stream.of(n.emailBody(), n.smsBody(), n.emailSubject(), n.reminderEmailBody(), n.reminderSmsBody(), n.reminderEmailSubject())
                .anyMatch(text -> text != null && text.toLowerCase(Locale.ROOT).contains(RECIPIENT_NAME))) {
            throw CorrespondenceError.CUSTOM_RECIPIENT_WITH_RECIPIENT_NAME.problem();
        }
        if (recipient.emailAddress() != null && !EMAIL.matcher(recipient.emailAddress()).matches()) {
            throw CorrespondenceError.INVALID_EMAIL.problem();
        }
        if (recipient.mobileNumber() != null && !E164.matcher(recipient.mobileNumber().replace(" ", "")).matches()) {
            throw CorrespondenceError.INVALID_MOBILE_NUMBER.problem();
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
