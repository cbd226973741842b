package no.formidling.correspondence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.formidling.auth.ResourceRegistry;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationExt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a correspondence's notification or reminder. Each address gets one row; a row is committed as Sent or
 * Failed on its own, so a retried step sends only what has not gone out yet. Any failed delivery fails the step
 * (the process retries it, then raises an incident).
 */
@Service
class CorrespondenceNotifier {
    private record Pending(UUID id, String channel, String address, String subject, String body) {
    }

    private final CorrespondenceRepository correspondences;
    private final CorrespondenceStatusService statuses;
    private final NotificationPlanner planner;
    private final ResourceRegistry resources;
    private final EmailChannel email;
    private final SmsChannel sms;
    private final JdbcClient db;
    private final ObjectMapper json;
    private final Clock clock;
    private final NotificationSettings settings;
    private final TransactionTemplate ownTransaction;

    CorrespondenceNotifier(CorrespondenceRepository correspondences, CorrespondenceStatusService statuses, NotificationPlanner planner,
                           ResourceRegistry resources, EmailChannel email, SmsChannel sms, JdbcClient db, ObjectMapper json,
                           Clock clock, NotificationSettings settings, PlatformTransactionManager transactions) {
        this.settings = settings;
        this.correspondences = correspondences;
        this.statuses = statuses;
        this.planner = planner;
        this.resources = resources;
        this.email = email;
        this.sms = sms;
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void send(UUID correspondenceId, boolean reminder) {
        Correspondence c = correspondences.find(correspondenceId).orElseThrow();
        NotificationExt n = parse(c.notificationJson());
        if (n == null || c.status().isPurged() || (reminder && correspondences.hasBeen(c.id(), CorrespondenceStatus.Read))) {
            return;
        }
        String title = resources.find(c.resourceId()).map(ResourceRegistry.RegisteredResource::title).orElse(null);
        List<NotificationPlanner.Delivery> deliveries = planner.plan(c, n, reminder, title);
        ownTransaction.executeWithoutResult(tx -> deliveries.forEach(d -> create(c, reminder, d)));
        DeliveryFailedException failure = null;
        for (Pending p : pending(c.id(), reminder)) {
            try {
                String note = "Email".equals(p.channel()) ? email.send(p.address(), p.subject(), p.body())
                        : sms.send(p.id(), c.id(), p.address(), p.body(), reminder);
                record(c, p.id(), "Sent", note, reminder ? "CorrespondenceNotificationReminderDelivered" : "CorrespondenceNotificationDelivered");
            } catch (DeliveryFailedException e) {
                record(c, p.id(), "Failed", e.getMessage(), "CorrespondenceNotificationFailed");
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** When the reminder is due, counted from now: the first notification has just gone out. */
    Instant reminderTime(UUID correspondenceId) {
        NotificationExt n = parse(correspondences.find(correspondenceId).orElseThrow().notificationJson());
        return settings.reminderTime(clock.instant(), n == null ? NotificationChannel.Email : n.reminderChannel());
    }

    private void create(Correspondence c, boolean reminder, NotificationPlanner.Delivery d) {
        UUID id = UUID.randomUUID();
        boolean hasAddress = !d.address().isEmpty();
        int inserted = db.sql("""
                        insert into corr_notification (id, correspondence_id, is_reminder, channel, address, subject, body, status, failure, requested_send_time)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                        """)
                .params(id, c.id(), reminder, d.channel(), d.address(), d.subject(), d.body(), hasAddress ? "Pending" : "Failed",
                        hasAddress ? null : "The recipient has no registered " + ("Email".equals(d.channel()) ? "email address" : "mobile number"),
                        Timestamp.from(clock.instant()))
                .update();
        if (inserted > 0) {
            statuses.notificationEvent(c, "NotificationCreated", id, "notification");
            if (!hasAddress) {
                statuses.notificationEvent(c, "CorrespondenceNotificationFailed", c.id(), "correspondence");
            }
        }
    }

    private List<Pending> pending(UUID correspondenceId, boolean reminder) {
        return db.sql("""
                        select id, channel, address, subject, body from corr_notification
                        where correspondence_id = ? and is_reminder = ? and address <> '' and status in ('Pending', 'Failed')
                        order by channel, address
                        """)
                .params(correspondenceId, reminder)
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    private void record(Correspondence c, UUID notificationId, String status, String note, String event) {
        ownTransaction.executeWithoutResult(tx -> {
            db.sql("update corr_notification set status = ?, failure = ?, attempts = attempts + 1, sent = case when ? = 'Sent' then ? else sent end where id = ?")
                    .params(status, note, status, Timestamp.from(clock.instant()), notificationId).update();
            statuses.notificationEvent(c, event, c.id(), "correspondence");
        });
    }

    private NotificationExt parse(String text) {
        if (text == null || "null".equals(text)) {
            return null;
        }
        try {
            return json.readValue(text, NotificationExt.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored notification cannot be read", e);
        }
    }
}
