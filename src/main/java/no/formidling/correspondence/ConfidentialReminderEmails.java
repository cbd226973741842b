package no.formidling.correspondence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import no.formidling.register.PartyId;
import no.formidling.register.PartyRegister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Upstream's reminder for unread confidential post: once a confidential correspondence has stayed unread for
 * {@code confidential-reminder-min-age} after publish, its recipient gets upstream's email (once per correspondence).
 */
@Component
class ConfidentialReminderEmails {
    private static final Logger log = LoggerFactory.getLogger(ConfidentialReminderEmails.class);
    static final String SUBJECT = "Din virksomhet $recipientName$ har uåpnet taushetsbelagt post.";
    static final String BODY = "Dette er et automatisk varsel om at din virksomhet har mottatt taushetsbelagt post som ikke er åpnet. "
            + "\n\n Logg inn i Altinn for å se hvilke meldinger det gjelder og hvordan du kan åpne dem.";

    private final JdbcClient db;
    private final PartyRegister parties;
    private final EmailChannel email;
    private final DeliveryAttempts attempts;
    private final Clock clock;
    private final Duration minAge;

    ConfidentialReminderEmails(JdbcClient db, PartyRegister parties, EmailChannel email, DeliveryAttempts attempts,
                               Clock clock, @Value("${formidling.correspondence.confidential-reminder-min-age:P7D}") Duration minAge) {
        this.db = db;
        this.parties = parties;
        this.email = email;
        this.attempts = attempts;
        this.clock = clock;
        this.minAge = minAge;
    }

    private record Due(UUID id, String recipient) {
    }

    /** Sends what is due; returns how many reminders were handled (sent, or recorded as without an address). */
    @Scheduled(cron = "${formidling.correspondence.confidential-reminder-cron:0 */15 * * * *}")
    int sendDue() {
        List<Due> due = db.sql("""
                        select id, recipient from correspondence c
                        where is_confidential and requested_publish_time < ? and status in (:available)
                          and not exists (select 1 from correspondence_status s where s.correspondence_id = c.id and s.status = 'Read')
                          and not exists (select 1 from corr_confidential_reminder r where r.correspondence_id = c.id)
                        order by requested_publish_time limit 500""".replace(":available", available()))
                .param(Timestamp.from(clock.instant().minus(minAge)))
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2))).list();
        int handled = 0;
        for (Due d : due) {
            try {
                if (Boolean.TRUE.equals(attempts.inOwnTransaction(s -> remind(d)))) {
                    handled++;
                }
            } catch (DeliveryFailedException e) {
                log.warn("Confidential reminder for {} not sent, retried next round: {}", d.id(), e.getMessage());
            }
        }
        return handled;
    }

    /** The insert claims the reminder; a failed send rolls it back so the next round tries again. */
    private boolean remind(Due d) {
        var party = parties.find(PartyId.parse(d.recipient()));
        String to = party.map(PartyRegister.RegisteredParty::email).filter(e -> e != null && !e.isBlank()).orElse(null);
        int claimed = db.sql("insert into corr_confidential_reminder (correspondence_id, recipient, sent_to, created) values (?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(d.id(), d.recipient(), to, Timestamp.from(clock.instant())).update();
        if (claimed == 0) {
            return false;
        }
        if (to == null) {
            log.info("Confidential correspondence {} is unread, but its recipient has no email address in the register", d.id());
            return true;
        }
        String name = party.map(PartyRegister.RegisteredParty::name).orElse("");
        email.send(to, SUBJECT.replace("$recipientName$", name == null ? "" : name), BODY);
        return true;
    }

    private static String available() {
        return String.join(",", CorrespondenceStatus.AVAILABLE_FOR_RECIPIENT.stream().filter(s -> s != CorrespondenceStatus.Reserved)
                .map(s -> "'" + s.name() + "'").toList());
    }
}
