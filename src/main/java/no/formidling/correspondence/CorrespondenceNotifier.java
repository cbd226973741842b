package no.formidling.correspondence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
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

/**
 * Sends a correspondence's notification or reminder as upstream's notification orders: one order per party notified,
 * one row per address. A row is committed as Sent or Failed on its own, so a retried step sends only what has not
 * gone out yet; a failed delivery fails the step (the process retries it) until {@code delivery-attempts} are used.
 * Events as upstream raises them: NotificationCreated per order created, CreationFailed once when a party has no
 * address at all, and per order once every row is final: Delivered (or ReminderDelivered) when any row was sent,
 * Failed when any failed, AllFailed instead when every row of the recipient's own order failed.
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
    private final DeliveryAttempts attempts;

    CorrespondenceNotifier(CorrespondenceRepository correspondences, CorrespondenceStatusService statuses, NotificationPlanner planner,
                           ResourceRegistry resources, EmailChannel email, SmsChannel sms, JdbcClient db, ObjectMapper json,
                           Clock clock, NotificationSettings settings, DeliveryAttempts attempts) {
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
        this.attempts = attempts;
    }

    void send(UUID correspondenceId, boolean reminder) {
        Correspondence c = correspondences.find(correspondenceId).orElseThrow();
        NotificationExt n = parse(c.notificationJson());
        if (n == null || c.status().isPurged() || (reminder && correspondences.hasBeen(c.id(), CorrespondenceStatus.Read))) {
            return;
        }
        String title = resources.find(c.resourceId()).map(ResourceRegistry.RegisteredResource::title).orElse(null);
        List<NotificationPlanner.Order> orders = planner.plan(c, n, reminder, title);
        attempts.runInOwnTransaction(() -> {
            if (reminder) {
                orders.forEach(o -> createReminder(c, o));
            } else {
                createOrders(c, orders);
            }
        });
        DeliveryFailedException failure = null;
        for (Pending p : pending(c.id(), reminder)) {
            try {
                String note = "Email".equals(p.channel()) ? email.send(p.address(), p.subject(), p.body(), n.htmlEmail(reminder))
                        : sms.send(p.id(), c.id(), p.address(), p.body(), reminder);
                attempts.record(DeliveryAttempts.Row.NOTIFICATION, p.id(), "Sent", note);
            } catch (DeliveryFailedException e) {
                attempts.record(DeliveryAttempts.Row.NOTIFICATION, p.id(), "Failed", e.getMessage());
                failure = e;
            }
        }
        boolean unresolved = false;
        for (UUID orderId : unresolvedOrders(c.id(), reminder)) {
            unresolved |= !resolve(c, orderId, reminder);
        }
        if (unresolved && failure != null) {
            throw failure;
        }
    }

    /** Same party, same order: the reminder is counted under the order of the first notification. */
    private static UUID orderId(Correspondence c, NotificationPlanner.Order order) {
        return UUID.nameUUIDFromBytes((c.id() + "|" + order.key()).getBytes(StandardCharsets.UTF_8));
    }

    private void createOrders(Correspondence c, List<NotificationPlanner.Order> orders) {
        boolean creationFailed = false;
        for (NotificationPlanner.Order order : orders) {
            UUID orderId = orderId(c, order);
            int inserted = db.sql("insert into corr_notification_order (id, correspondence_id, main, created) values (?, ?, ?, ?) on conflict do nothing")
                    .params(orderId, c.id(), order.main(), order.created()).update();
            if (inserted == 0) {
                continue;
            }
            order.deliveries().forEach(d -> insertRow(c, orderId, false, d, !order.created()));
            if (order.created()) {
                statuses.notificationEvent(c, "NotificationCreated", orderId, CorrespondenceEvents.NOTIFICATION);
            } else {
                creationFailed = true;
            }
        }
        if (creationFailed) {
            statuses.notificationEvent(c, "CorrespondenceNotificationCreationFailed", c.id(), CorrespondenceEvents.CORRESPONDENCE);
        }
    }

    /** A reminder belongs to an order that was created for the first notification; an order never created has none. */
    private void createReminder(Correspondence c, NotificationPlanner.Order order) {
        UUID orderId = orderId(c, order);
        boolean created = db.sql("select created from corr_notification_order where id = ?").param(orderId).query(Boolean.class)
                .optional().orElse(false);
        if (created) {
            order.deliveries().forEach(d -> insertRow(c, orderId, true, d, false));
        }
    }

    /** @param resolved rows of an order never created: shown in the history, never announced as delivered or failed */
    private void insertRow(Correspondence c, UUID orderId, boolean reminder, NotificationPlanner.Delivery d, boolean resolved) {
        boolean hasAddress = !d.address().isEmpty();
        db.sql("""
                        insert into corr_notification (id, order_id, correspondence_id, is_reminder, channel, address, subject, body, status,
                                                       failure, requested_send_time, resolved)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
                        """)
                .params(UUID.randomUUID(), orderId, c.id(), reminder, d.channel(), d.address(), d.subject(), d.body(),
                        hasAddress ? "Pending" : "Failed",
                        hasAddress ? null : "The recipient has no registered " + ("Email".equals(d.channel()) ? "email address" : "mobile number"),
                        Timestamp.from(clock.instant()), resolved)
                .update();
    }

    /** Rows not sent yet and failed rows with attempts left. */
    private List<Pending> pending(UUID correspondenceId, boolean reminder) {
        return db.sql("""
                        select id, channel, address, subject, body from corr_notification
                        where correspondence_id = ? and is_reminder = ? and address <> ''
                          and (status = 'Pending' or (status = 'Failed' and attempts < ?))
                        order by channel, address
                        """)
                .params(correspondenceId, reminder, settings.deliveryAttempts())
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    private List<UUID> unresolvedOrders(UUID correspondenceId, boolean reminder) {
        return db.sql("select distinct order_id from corr_notification where correspondence_id = ? and is_reminder = ? and not resolved and order_id is not null")
                .params(correspondenceId, reminder).query(UUID.class).list();
    }

    /**
     * Announces an order's outcome once all its rows are final (sent, without address, or out of attempts).
     *
     * @return whether the order is resolved
     */
    private boolean resolve(Correspondence c, UUID orderId, boolean reminder) {
        return Boolean.TRUE.equals(attempts.inOwnTransaction(tx -> {
            List<String> rows = db.sql("""
                            select case when status = 'Pending' or (status = 'Failed' and address <> '' and attempts < ?) then 'Open' else status end
                            from corr_notification where order_id = ? and is_reminder = ? for update
                            """)
                    .params(settings.deliveryAttempts(), orderId, reminder).query(String.class).list();
            if (rows.contains("Open")) {
                return false;
            }
            if (db.sql("update corr_notification set resolved = true where order_id = ? and is_reminder = ? and not resolved")
                    .params(orderId, reminder).update() == 0) {
                return true;
            }
            boolean main = db.sql("select main from corr_notification_order where id = ?").param(orderId).query(Boolean.class).single();
            long failed = rows.stream().filter("Failed"::equals).count();
            if (failed > 0) {
                statuses.notificationEvent(c, failed == rows.size() && main ? "CorrespondenceNotificationAllFailed"
                        : "CorrespondenceNotificationFailed", c.id(), CorrespondenceEvents.CORRESPONDENCE);
            }
            if (rows.contains("Sent")) {
                statuses.notificationEvent(c, reminder ? "CorrespondenceNotificationReminderDelivered"
                        : "CorrespondenceNotificationDelivered", c.id(), CorrespondenceEvents.CORRESPONDENCE);
            }
            return true;
        }));
    }

    /** When the reminder is due, counted from now: the first notification has just gone out. */
    Instant reminderTime(UUID correspondenceId) {
        NotificationExt n = parse(correspondences.find(correspondenceId).orElseThrow().notificationJson());
        return settings.reminderTime(clock.instant(), n == null ? NotificationChannel.Email : n.reminderChannel());
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
