package no.formidling.correspondence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Correspondence rows and their status history. */
@Repository
class CorrespondenceRepository {
    static final String COLUMNS = """
            id, resource_id, sender, recipient, senders_reference, message_sender, language, message_title, message_summary,
            message_body, requested_publish_time, due_date_time, allow_system_delete_after, ignore_reservation,
            is_confirmation_needed, is_confidential, allow_forwarding, property_list::text, external_references::text,
            reply_options::text, notification::text, idempotent_key, status, status_text, status_changed, created, published""";

    record StatusEvent(CorrespondenceStatus status, String statusText, Instant statusChanged) {
    }

    private final JdbcClient db;

    CorrespondenceRepository(JdbcClient db) {
        this.db = db;
    }

    void insert(Correspondence c) {
        db.sql("insert into correspondence (" + COLUMNS.replace("::text", "") + ") values "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.resourceId(), c.sender(), c.recipient(), c.sendersReference(), c.messageSender(), c.language(),
                        c.messageTitle(), c.messageSummary(), c.messageBody(), ts(c.requestedPublishTime()), ts(c.dueDateTime()),
                        ts(c.allowSystemDeleteAfter()), c.ignoreReservation(), c.isConfirmationNeeded(), c.isConfidential(),
                        c.allowForwarding(), c.propertyListJson(), c.externalReferencesJson(), c.replyOptionsJson(),
                        c.notificationJson(), c.idempotentKey(), c.status().name(), c.statusText(), ts(c.statusChanged()),
                        ts(c.created()), ts(c.published()))
                .update();
        if (c.status() == CorrespondenceStatus.ReadyForPublish) {
            appendHistory(c.id(), CorrespondenceStatus.Initialized, CorrespondenceStatus.Initialized.name(), c.statusChanged());
        }
        appendHistory(c.id(), c.status(), c.statusText(), c.statusChanged());
    }

    Optional<Correspondence> find(UUID id) {
        return db.sql("select " + COLUMNS + " from correspondence where id = ?").param(id).query(CorrespondenceRepository::map).optional();
    }

    Optional<Correspondence> findForUpdate(UUID id) {
        return db.sql("select " + COLUMNS + " from correspondence where id = ? for update").param(id).query(CorrespondenceRepository::map).optional();
    }

    List<StatusEvent> history(UUID id) {
        return db.sql("select status, status_text, status_changed from correspondence_status where correspondence_id = ? order by status_changed, status")
                .param(id)
                .query((rs, n) -> new StatusEvent(CorrespondenceStatus.valueOf(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    boolean existsWithIdempotentKey(UUID key) {
        return db.sql("select count(*) from correspondence where idempotent_key = ?").param(key).query(Integer.class).single() > 0;
    }

    boolean hasBeen(UUID id, CorrespondenceStatus status) {
        return db.sql("select count(*) from correspondence_status where correspondence_id = ? and status = ?")
                .params(id, status.name()).query(Integer.class).single() > 0;
    }

    /** Sets the current status when it is one of {@code from} (any when empty); true when it changed. */
    boolean setCurrent(UUID id, CorrespondenceStatus to, String text, Instant now, Collection<CorrespondenceStatus> from) {
        String[] names = from.stream().map(Enum::name).toArray(String[]::new);
        return db.sql("update correspondence set status = ?, status_text = ?, status_changed = ?, "
                        + "published = case when ? = 'Published' then ? else published end "
                        + "where id = ? and (cardinality(cast(? as text[])) = 0 or status = any(cast(? as text[])))")
                .params(to.name(), text, ts(now), to.name(), ts(now), id, names, names)
                .update() > 0;
    }

    /** Appends to the history; false when this status was already recorded. */
    boolean appendHistory(UUID id, CorrespondenceStatus status, String text, Instant now) {
        return db.sql("insert into correspondence_status (correspondence_id, status, status_text, status_changed) values (?, ?, ?, ?) on conflict do nothing")
                .params(id, status.name(), text, ts(now)).update() > 0;
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Correspondence map(ResultSet rs, int n) throws SQLException {
        return new Correspondence(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), instant(rs, 11),
                instant(rs, 12), instant(rs, 13), rs.getBoolean(14), rs.getBoolean(15), rs.getBoolean(16), rs.getBoolean(17),
                rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21), rs.getObject(22, UUID.class),
                CorrespondenceStatus.valueOf(rs.getString(23)), rs.getString(24), instant(rs, 25), instant(rs, 26), instant(rs, 27));
    }
}
