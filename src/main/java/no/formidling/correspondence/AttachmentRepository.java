package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceRepository.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Attachment rows, their status history and their links to correspondences. */
@Repository
class AttachmentRepository {
    private static final String COLUMNS = "id, resource_id, sender, senders_reference, file_name, display_name, is_encrypted, checksum, "
            + "expiration_time, size, status, status_text, status_changed, created";

    record StatusEvent(AttachmentStatus status, String statusText, Instant statusChanged) {
    }

    private final JdbcClient db;

    AttachmentRepository(JdbcClient db) {
        this.db = db;
    }

    void insert(Attachment a) {
        db.sql("insert into corr_attachment (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.id(), a.resourceId(), a.sender(), a.sendersReference(), a.fileName(), a.displayName(), a.isEncrypted(),
                        a.checksum(), ts(a.expirationTime()), a.size(), a.status().name(), a.statusText(), ts(a.statusChanged()), ts(a.created()))
                .update();
        appendHistory(a.id(), a.status(), a.statusText(), a.statusChanged());
    }

    Optional<Attachment> find(UUID id) {
        return db.sql("select " + COLUMNS + " from corr_attachment where id = ?").param(id).query(AttachmentRepository::map).optional();
    }

    Optional<Attachment> findForUpdate(UUID id) {
        return db.sql("select " + COLUMNS + " from corr_attachment where id = ? for update").param(id).query(AttachmentRepository::map).optional();
    }

    /** The attachments of a correspondence in the order they were given, each with its expiry for this correspondence. */
    List<Attachment> ofCorrespondence(UUID correspondenceId) {
        return db.sql("select " + COLUMNS.replaceAll("(^|, )", "$1a.").replace("a.expiration_time", "l.expiration_time")
                        + " from corr_attachment a join correspondence_attachment l on l.attachment_id = a.id "
                        + "where l.correspondence_id = ? order by l.position")
                .param(correspondenceId).query(AttachmentRepository::map).list();
    }

    List<UUID> correspondencesOf(UUID attachmentId) {
        return db.sql("select correspondence_id from correspondence_attachment where attachment_id = ? order by correspondence_id")
                .param(attachmentId).query(UUID.class).list();
    }

    List<StatusEvent> history(UUID id) {
        return db.sql("select status, status_text, status_changed from corr_attachment_status where attachment_id = ? order by status_changed, status")
                .param(id)
                .query((rs, n) -> new StatusEvent(AttachmentStatus.valueOf(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    /**
     * Links the attachments in order; each link expires at {@code publishTime} plus the attachment's expirationInDays
     * (stored as the span between its creation and its own expiration time).
     */
    void link(UUID correspondenceId, List<UUID> attachmentIds, Instant publishTime) {
        for (int i = 0; i < attachmentIds.size(); i++) {
            db.sql("""
                            insert into correspondence_attachment (correspondence_id, attachment_id, position, expiration_time)
                            select ?, a.id, ?, cast(? as timestamptz) + (a.expiration_time - a.created) from corr_attachment a where a.id = ?
                            on conflict do nothing
                            """)
                    .params(correspondenceId, i, ts(publishTime), attachmentIds.get(i)).update();
        }
    }

    /** The earliest expiry after {@code after} among the correspondence's attachments not yet expired or purged; null when none. */
    Instant nextExpiry(UUID correspondenceId, Instant after) {
        return db.sql("""
                        select l.expiration_time from correspondence_attachment l join corr_attachment a on a.id = l.attachment_id
                        where l.correspondence_id = ? and l.expiration_time > ? and a.status not in ('Expired', 'Purged')
                        order by l.expiration_time limit 1
                        """)
                .params(correspondenceId, ts(after)).query((rs, n) -> instant(rs, 1)).optional().orElse(null);
    }

    /**
     * When the attachment expires for good as things stand: the latest expiry among its links from correspondences
     * not purged (upstream's GetMaxExpirationTimesForAttachments); empty when it has no such link or one never expires.
     */
    java.util.Optional<Instant> latestLinkExpiry(UUID attachmentId) {
        return db.sql("""
                        select case when bool_or(l.expiration_time is null) then null else max(l.expiration_time) end
                        from correspondence_attachment l join correspondence c on c.id = l.correspondence_id
                        where l.attachment_id = ? and c.status not in ('PurgedByAltinn', 'PurgedByRecipient')""")
                .param(attachmentId).query((rs, n) -> instant(rs, 1)).list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /**
     * The correspondence's attachments that expire for good at {@code now}: every link from a correspondence not
     * purged has expired (upstream's ExpireAttachmentHandler), and the attachment is not expired or purged already.
     */
    List<Attachment> expiredWith(UUID correspondenceId, Instant now) {
        return db.sql("select " + COLUMNS.replaceAll("(^|, )", "$1a.") + """
                         from corr_attachment a join correspondence_attachment l on l.attachment_id = a.id
                        where l.correspondence_id = ? and a.status not in ('Expired', 'Purged')
                          and (select max(o.expiration_time) from correspondence_attachment o join correspondence c on c.id = o.correspondence_id
                               where o.attachment_id = a.id and c.status not in ('PurgedByAltinn', 'PurgedByRecipient')) <= ?
                        order by l.position for update of a
                        """)
                .params(correspondenceId, ts(now)).query(AttachmentRepository::map).list();
    }

    /** The correspondence's attachments that no correspondence still in use links to, and not expired or purged already. */
    List<Attachment> noLongerLinked(UUID correspondenceId) {
        return db.sql("select " + COLUMNS.replaceAll("(^|, )", "$1a.") + """
                         from corr_attachment a join correspondence_attachment l on l.attachment_id = a.id
                        where l.correspondence_id = ? and a.status not in ('Expired', 'Purged')
                          and not exists (select 1 from correspondence_attachment o join correspondence c on c.id = o.correspondence_id
                                          where o.attachment_id = a.id and c.status not in ('PurgedByAltinn', 'PurgedByRecipient'))
                        order by l.position for update of a
                        """)
                .param(correspondenceId).query(AttachmentRepository::map).list();
    }

    /** Sets the current status when it is one of {@code from}; true when it changed. */
    boolean setCurrent(UUID id, AttachmentStatus to, String text, Instant now, List<AttachmentStatus> from) {
        String[] names = from.stream().map(Enum::name).toArray(String[]::new);
        return db.sql("update corr_attachment set status = ?, status_text = ?, status_changed = ? where id = ? and status = any(cast(? as text[]))")
                .params(to.name(), text, ts(now), id, names).update() > 0;
    }

    void recordUpload(UUID id, long size, String checksum) {
        db.sql("update corr_attachment set size = ?, checksum = coalesce(checksum, ?) where id = ?").params(size, checksum, id).update();
    }

    boolean appendHistory(UUID id, AttachmentStatus status, String text, Instant now) {
        return db.sql("insert into corr_attachment_status (attachment_id, status, status_text, status_changed) values (?, ?, ?, ?) on conflict do nothing")
                .params(id, status.name(), text, ts(now)).update() > 0;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Attachment map(ResultSet rs, int n) throws SQLException {
        Long size = rs.getObject(10, Long.class);
        return new Attachment(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getString(8), instant(rs, 9), size,
                AttachmentStatus.valueOf(rs.getString(11)), rs.getString(12), instant(rs, 13), instant(rs, 14));
    }
}
