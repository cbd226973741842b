package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceViews.time;

import java.util.List;
import java.util.UUID;
import no.formidling.auth.Parties;
import no.formidling.correspondence.NotificationAnswers.CorrespondenceNotificationOverviewExt;
import no.formidling.correspondence.NotificationAnswers.EmailAddressExt;
import no.formidling.correspondence.NotificationAnswers.MobileNumberExt;
import no.formidling.correspondence.NotificationAnswers.NotificationDeliveryExt;
import no.formidling.correspondence.NotificationAnswers.NotificationDetailsExt;
import no.formidling.correspondence.NotificationAnswers.NotificationProcessingStatusExt;
import no.formidling.correspondence.NotificationAnswers.NotificationSendStatusExt;
import no.formidling.correspondence.NotificationAnswers.NotificationStatusDetailsExt;
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
    List<CorrespondenceNotificationOverviewExt> overview(UUID correspondenceId) {
        return db.sql("""
                        select case when o.created is not false then coalesce(n.order_id, n.id) end, n.is_reminder
                        from corr_notification n left join corr_notification_order o on o.id = n.order_id
                        where n.correspondence_id = ? group by 1, 2 order by min(n.requested_send_time), 2
                        """)
                .param(correspondenceId)
                .query((rs, n) -> new CorrespondenceNotificationOverviewExt(rs.getObject(1, UUID.class), rs.getBoolean(2))).list();
    }

    List<NotificationDetailsExt> details(Correspondence c) {
        return db.sql("""
                        select id, is_reminder, channel, address, status, failure, requested_send_time, sent, attempts
                        from corr_notification where correspondence_id = ? order by requested_send_time, channel
                        """)
                .param(c.id())
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    boolean email = "Email".equals(rs.getString(3));
                    String status = rs.getString(5);
                    var lastUpdate = time((rs.getTimestamp(8) != null ? rs.getTimestamp(8) : rs.getTimestamp(7)).toInstant());
                    NotificationDeliveryExt delivery = new NotificationDeliveryExt(id, "Sent".equals(status),
                            email ? new EmailAddressExt(rs.getString(4)) : new MobileNumberExt(rs.getString(4)),
                            new NotificationSendStatusExt(status, rs.getString(6), lastUpdate));
                    return new NotificationDetailsExt(id.toString(), c.sendersReference(), Parties.asUrn(c.sender()),
                            time(rs.getTimestamp(7).toInstant()), rs.getBoolean(2), rs.getString(3), c.ignoreReservation(), c.resourceId(),
                            new NotificationProcessingStatusExt(status, lastUpdate),
                            email ? new NotificationStatusDetailsExt(delivery, null) : new NotificationStatusDetailsExt(null, delivery),
                            rs.getInt(9));
                }).list();
    }
}
