package no.formidling.correspondence;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends a forward's email as a process step, as notifications go out: each attempt is recorded on the forwarding
 * (status, attempts, failure, sent) in a transaction of its own, a failed attempt fails the step so the process retries
 * it, and after {@code delivery-attempts} the forwarding stays Failed. Repeating the step after Sent sends nothing.
 */
@Component
class ForwardEmails {
    private static final Logger log = LoggerFactory.getLogger(ForwardEmails.class);

    private record Forward(String to, String text, String title, String body) {
    }

    private final JdbcClient db;
    private final EmailChannel email;
    private final NotificationSettings settings;
    private final DeliveryAttempts attempts;

    ForwardEmails(JdbcClient db, EmailChannel email, NotificationSettings settings, DeliveryAttempts attempts) {
        this.db = db;
        this.email = email;
        this.settings = settings;
        this.attempts = attempts;
    }

    void send(UUID forwardingId) {
        Forward forward = db.sql("""
                        select f.forwarded_to, f.forwarding_text, c.message_title, c.message_body
                        from corr_forwarding f join correspondence c on c.id = f.correspondence_id
                        where f.id = ? and f.email_status <> 'Sent'""")
                .param(forwardingId)
                .query((rs, n) -> new Forward(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional().orElse(null);
        if (forward == null) {
            return; // sent already, or the correspondence is gone
        }
        try {
            String note = email.send(forward.to(), forward.title(), (forward.text() == null ? "" : forward.text() + "\n\n") + forward.body());
            attempts.record(DeliveryAttempts.Row.FORWARD_EMAIL, forwardingId, "Sent", note);
        } catch (DeliveryFailedException e) {
            int made = attempts.record(DeliveryAttempts.Row.FORWARD_EMAIL, forwardingId, "Failed", e.getMessage());
            if (made < settings.deliveryAttempts()) {
                throw e; // the process step fails and is retried
            }
            log.warn("Forward email {} to {} failed {} times; giving up: {}", forwardingId, forward.to(), made, e.getMessage());
        }
    }
}
