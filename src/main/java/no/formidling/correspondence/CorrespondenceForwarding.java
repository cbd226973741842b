package no.formidling.correspondence;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import no.formidling.auth.Scopes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forward (by email, once per address, only when allowed and read) and the notification check of upstream. The forward
 * is recorded and answered at once; its email goes out after the commit through a process step, so an SMTP outage
 * neither fails the request nor loses the email.
 */
@Service
class CorrespondenceForwarding {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** Whether the notification service should still send the notification or reminder it asks about. */
    record NotificationCheckExt(boolean sendNotification) {
    }

    record ForwardingCheckExt(boolean allowForwarding) {
    }

    record ForwardExt(String forwardTo, String forwardingText) {
    }

    private final CorrespondenceAccess access;
    private final CorrespondenceRepository correspondences;
    private final CorrespondenceStatusService statuses;
    private final CorrespondenceProcess process;
    private final JdbcClient db;
    private final Clock clock;

    CorrespondenceForwarding(CorrespondenceAccess access, CorrespondenceRepository correspondences, CorrespondenceStatusService statuses,
                             CorrespondenceProcess process, JdbcClient db, Clock clock) {
        this.access = access;
        this.correspondences = correspondences;
        this.statuses = statuses;
        this.process = process;
        this.db = db;
        this.clock = clock;
    }

    @Transactional
    UUID forward(UUID id, ForwardExt request) {
        Correspondence c = access.requireRecipient(id, true).correspondence();
        CorrespondenceActions.requireAvailable(c);
        String to = request == null || request.forwardTo() == null ? null : request.forwardTo().trim();
        if (to == null || !EMAIL.matcher(to).matches()) {
            throw CorrespondenceError.INVALID_EMAIL.problem();
        }
        if (to.length() > 1000) {
            throw CorrespondenceError.FORWARD_TO_TOO_LONG.problem();
        }
        if (!c.allowForwarding()) {
            throw CorrespondenceError.FORWARDING_NOT_ALLOWED.problem();
        }
        String text = request.forwardingText();
        if (text != null && text.length() > 200) {
            throw CorrespondenceError.FORWARDING_TEXT_TOO_LONG.problem();
        }
        if (!CorrespondenceRules.isPlainText(text)) {
            throw CorrespondenceError.FORWARDING_TEXT_NOT_PLAIN_TEXT.problem();
        }
        if (!correspondences.hasBeen(id, CorrespondenceStatus.Read)) {
            throw CorrespondenceError.FORWARD_BEFORE_READ.problem();
        }
        UUID forwardingId = UUID.randomUUID();
        try {
            db.sql("""
                    insert into corr_forwarding (id, correspondence_id, forwarded_to, forwarding_text, forwarded_at, email_status)
                    values (?, ?, ?, ?, ?, 'Pending')""")
                    .params(forwardingId, id, to.toLowerCase(Locale.ROOT), text, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw CorrespondenceError.ALREADY_FORWARDED.problem();
        }
        if (!correspondences.hasBeen(id, CorrespondenceStatus.Forwarded)) {
            statuses.change(c, CorrespondenceStatus.Forwarded, null);
        }
        // After the commit, with retries: an SMTP outage neither fails the request nor loses the email.
        process.sendForwardEmail(forwardingId);
        return forwardingId;
    }

    /**
     * Whether a notification (main) or reminder is still wanted: published, not failed or purged, and for reminders
     * unread. The notification service (scope {@code altinn:system/notifications.condition.check}) may ask about any
     * correspondence, as upstream; anyone else only about its own. Unknown ids answer false, as upstream.
     */
    @Transactional(readOnly = true)
    NotificationCheckExt check(UUID id, boolean main) {
        Correspondence c = correspondences.find(id).orElse(null);
        if (c == null) {
            return new NotificationCheckExt(false);
        }
        if (!access.caller().has(Scopes.NOTIFICATION_CHECK)) {
            access.require(id, false);
        }
        boolean send = correspondences.hasBeen(id, CorrespondenceStatus.Published)
                && !correspondences.hasBeen(id, CorrespondenceStatus.Failed)
                && !c.status().isPurged()
                && (main || !correspondences.hasBeen(id, CorrespondenceStatus.Read));
        return new NotificationCheckExt(send);
    }

    /** Upstream's forward/check for Arbeidsflate (scope {@code altinn:correspondence.forward.check}): may it be forwarded. */
    @Transactional(readOnly = true)
    ForwardingCheckExt canBeForwarded(UUID id) {
        Correspondence c = correspondences.find(id).orElseThrow(CorrespondenceError.NOT_FOUND::problem);
        return new ForwardingCheckExt(c.allowForwarding());
    }
}
