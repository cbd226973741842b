package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceViews.time;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.auth.Parties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The notifications of a correspondence as overview and details show them (upstream's NotificationExt shape). */
@Component
class NotificationHistory {
    private final JdbcClient db;

    NotificationHistory(JdbcClient db) {
        this.db = db;
    }

    /**
     * One entry per notification order and round (first notification, reminder), as upstream's overview lists them;
     * an order never created (no address at all) has no order id, as upstream's.
     */
    List<Map<String, Object>> overview(UUID correspondenceId) {
        return db.sql("""
                        select case when o.created is not false then coalesce(n.order_id, n.id) end, n.is_reminder
                        from corr_notification n left join corr_notification_order o on o.id = n.order_id
                        where n.correspondence_id = ? group by 1, 2 order by min(n.requested_send_time), 2
                        """)
                .param(correspondenceId)
                .query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("notificationOrderId", rs.getObject(1, UUID.class));
                    m.put("isReminder", rs.getBoolean(2));
                    return m;
                }).list();
    }

    /** Every notification of a correspondence as the sender's pages show it, in the order they were due. */
    List<SentCorrespondences.Notification> ofCorrespondence(UUID correspondenceId) {
        return db.sql("""
                        select channel, address, is_reminder, status, failure, requested_send_time, sent, attempts
                        from corr_notification where correspondence_id = ? order by requested_send_time, channel
                        """)
                .param(correspondenceId)
                .query((rs, n) -> new SentCorrespondences.Notification(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getInt(8)))
                .list();
    }

    List<Map<String, Object>> details(Correspondence c) {
        return db.sql("""
                        select id, is_reminder, channel, address, status, failure, requested_send_time, sent, attempts
                        from corr_notification where correspondence_id = ? order by requested_send_time, channel
                        """)
                .param(c.id())
                .query((rs, n) -> {
                    String channel = rs.getString(3);
                    String status = rs.getString(5);
                    var lastUpdate = rs.getTimestamp(8) != null ? rs.getTimestamp(8) : rs.getTimestamp(7);
                    Map<String, Object> sendStatus = new LinkedHashMap<>();
                    sendStatus.put("status", status);
                    sendStatus.put("description", rs.getString(6));
                    sendStatus.put("lastUpdate", time(lastUpdate.toInstant()));
                    Map<String, Object> recipient = new LinkedHashMap<>();
                    recipient.put("Email".equals(channel) ? "emailAddress" : "mobileNumber", rs.getString(4));
                    Map<String, Object> delivery = new LinkedHashMap<>();
                    delivery.put("id", rs.getObject(1, UUID.class));
                    delivery.put("succeeded", "Sent".equals(status));
                    delivery.put("recipient", recipient);
                    delivery.put("sendStatus", sendStatus);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getObject(1, UUID.class).toString());
                    m.put("sendersReference", c.sendersReference());
                    m.put("creator", Parties.asUrn(c.sender()));
                    m.put("created", time(rs.getTimestamp(7).toInstant()));
                    m.put("isReminder", rs.getBoolean(2));
                    m.put("notificationChannel", channel);
                    m.put("ignoreReservation", c.ignoreReservation());
                    m.put("resourceId", c.resourceId());
                    m.put("processingStatus", Map.of("status", status, "lastUpdate", time(lastUpdate.toInstant())));
                    m.put("notificationStatusDetails", Map.of("Email".equals(channel) ? "email" : "sms", delivery));
                    m.put("attempts", rs.getInt(9));
                    return m;
                }).list();
    }
}
