package no.formidling.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for transfers, their recipients and both status histories. */
@Repository
class FileTransferRepository {
    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() { };
    /** The transfer and its recipients in one statement (one round trip, and never a second pooled connection). */
    static final String SELECT_WITH_RECIPIENTS_FROM = """
            select t.*, (select json_agg(json_build_array(r.recipient, r.status, r.status_changed) order by r.recipient)
                         from file_transfer_recipient r where r.file_transfer_id = t.id) as recipients
            from file_transfer t""";
    private static final String SELECT_WITH_RECIPIENTS = SELECT_WITH_RECIPIENTS_FROM + " where t.id = ?";
    private static final TypeReference<List<List<String>>> RECIPIENT_ROWS = new TypeReference<>() { };
    private final JdbcClient db;
    private final ObjectMapper json;

    FileTransferRepository(JdbcClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    record HistoryEntry(String party, String status, String description, Instant changed) {
    }

    /**
     * Inserts the transfer, or nothing when the sender already has one with this idempotency key. A concurrent
     * insert with the same key waits for the other transaction; if that one commits, this inserts nothing.
     *
     * @return false when a transfer with the key exists (find it with {@link #findByIdempotencyKey})
     */
    boolean insert(FileTransfer t, String idempotencyKey) {
        int inserted = db.sql("""
                insert into file_transfer (id, resource_id, file_name, senders_reference, sender, sender_as_sent, checksum, use_virus_scan,
                    property_list, status, status_changed, created, expiration_time, idempotency_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?)
                on conflict (sender, idempotency_key) do nothing
                """)
                .params(t.id(), t.resourceId(), t.fileName(), t.sendersReference(), t.sender(), t.senderAsSent(), t.checksum(), t.useVirusScan(),
                        toJson(t.propertyList()), t.status().name(), ts(t.statusChanged()), ts(t.created()), ts(t.expirationTime()),
                        idempotencyKey)
                .update();
        if (inserted == 0) {
            return false;
        }
        db.sql("insert into file_transfer_status_history (file_transfer_id, status, changed) values (?, ?, ?)")
                .params(t.id(), t.status().name(), ts(t.created())).update();
        for (FileTransfer.Recipient r : t.recipients()) {
            db.sql("insert into file_transfer_recipient (file_transfer_id, recipient, status, status_changed) values (?, ?, ?, ?)")
                    .params(t.id(), r.party(), r.status().name(), ts(r.statusChanged())).update();
            db.sql("insert into recipient_status_history (file_transfer_id, recipient, status, changed) values (?, ?, ?, ?)")
                    .params(t.id(), r.party(), r.status().name(), ts(r.statusChanged())).update();
        }
        return true;
    }

    Optional<UUID> findByIdempotencyKey(String sender, String key) {
        return db.sql("select id from file_transfer where sender = ? and idempotency_key = ?").params(sender, key).query(UUID.class).optional();
    }

    Optional<FileTransfer> find(UUID id) {
        return db.sql(SELECT_WITH_RECIPIENTS).param(id).query(this::map).optional();
    }

    /**
     * Locks up to {@code limit} transfers still waiting for their upload that were created before {@code cutoff},
     * oldest first; rows another node (or an upload) holds are skipped, so sweepers on several nodes share the work.
     */
    List<UUID> lockUploadsCreatedBefore(Instant cutoff, int limit) {
        return db.sql("""
                select id from file_transfer where status in ('Initialized', 'UploadStarted') and created < ?
                order by created limit ? for update skip locked""")
                .params(ts(cutoff), limit).query(UUID.class).list();
    }

    /** Reads the transfer with its row locked until the transaction ends, serialising changes to one transfer. */
    /**
     * Locks the transfer, then reads it. Two statements on purpose: a {@code select ... for update} that waited for
     * another transaction re-reads the locked row but not its subqueries, so a confirm queued behind another one saw
     * the transfer already completed with its own recipient still unconfirmed (and answered 400).
     */
    Optional<FileTransfer> lock(UUID id) {
        boolean exists = db.sql("select 1 from file_transfer where id = ? for update").param(id).query(Integer.class).optional().isPresent();
        return exists ? find(id) : Optional.empty();
    }

    List<HistoryEntry> statusHistory(UUID id) {
        return db.sql("select status, description, changed from file_transfer_status_history where file_transfer_id = ? order by changed, id")
                .param(id).query((rs, n) -> new HistoryEntry(null, rs.getString(1), rs.getString(2), instant(rs, 3))).list();
    }

    List<HistoryEntry> recipientHistory(UUID id) {
        return db.sql("select recipient, status, changed from recipient_status_history where file_transfer_id = ? order by changed, id")
                .param(id).query((rs, n) -> new HistoryEntry(rs.getString(1), rs.getString(2), null, instant(rs, 3))).list();
    }

    void recordUpload(UUID id, long size, String checksum) {
        db.sql("update file_transfer set file_size = ?, checksum = ? where id = ?").params(size, checksum, id).update();
    }

    /** Moves the transfer to {@code to} only from one of {@code from}; true when it moved. */
    boolean changeStatus(UUID id, FileTransferStatus to, List<FileTransferStatus> from, String description, Instant at) {
        int moved = db.sql("""
                update file_transfer set status = :to, status_description = :description, status_changed = :at,
                    published = case when :to = 'Published' then :at else published end
                where id = :id and status in (:from)
                """)
                .param("to", to.name()).param("description", description).param("at", ts(at)).param("id", id)
                .param("from", from.stream().map(Enum::name).toList())
                .update();
        if (moved == 0) {
            return false;
        }
        db.sql("insert into file_transfer_status_history (file_transfer_id, status, description, changed) values (?, ?, ?, ?) on conflict do nothing")
                .params(id, to.name(), description, ts(at)).update();
        return true;
    }

    boolean changeRecipientStatus(UUID id, String recipient, RecipientStatus to, List<RecipientStatus> from, Instant at) {
        int moved = db.sql("""
                update file_transfer_recipient set status = :to, status_changed = :at
                where file_transfer_id = :id and recipient = :recipient and status in (:from)
                """)
                .param("to", to.name()).param("at", ts(at)).param("id", id).param("recipient", recipient)
                .param("from", from.stream().map(Enum::name).toList())
                .update();
        if (moved == 0) {
            return false;
        }
        db.sql("insert into recipient_status_history (file_transfer_id, recipient, status, changed) values (?, ?, ?, ?) on conflict do nothing")
                .params(id, recipient, to.name(), ts(at)).update();
        return true;
    }

    /**
     * Ids matching a search, newest first unless ascending, at most {@code limit}. A search as either party is the
     * union of the sender's and the recipient's searches, each limited on its own index, rather than one scan with an
     * OR that no index serves (V24, bench/README.md "query plans").
     */
    List<UUID> search(FileTransferSearch q, int limit) {
        var params = new java.util.HashMap<String, Object>();
        params.put("resourceId", q.resourceId());
        params.put("party", q.party());
        StringBuilder filters = new StringBuilder();
        if (q.status() != null) {
            filters.append(" and t.status = :status");
            params.put("status", q.status().name());
        }
        String with = "";
        if (q.recipientStatus() != null) {
            // Few of a party's transfers are in one recipient status (e.g. not yet downloaded): start from those,
            // whatever the planner guesses, instead of walking every transfer of the resource to find them.
            with = "with in_status as materialized (select r.file_transfer_id from file_transfer_recipient r "
                    + "where r.recipient = :party and r.status = :recipientStatus) ";
            filters.append(" and t.id in (select file_transfer_id from in_status)");
            params.put("recipientStatus", q.recipientStatus().name());
        }
        // As upstream: with a status filter the dates apply to when the transfer entered that status.
        String date = q.status() != null ? "t.status_changed" : "t.created";
        if (q.from() != null && q.to() != null) {
            filters.append(" and ").append(date).append(" between :from and :to");
        } else if (q.from() != null) {
            filters.append(" and ").append(date).append(" > :from");
        } else if (q.to() != null) {
            filters.append(" and ").append(date).append(" < :to");
        }
        params.put("from", ts(q.from()));
        params.put("to", ts(q.to()));
        String direction = q.orderAscending() ? " asc" : " desc";
        String asSender = "t.sender = :party";
        String asRecipient = "exists (select 1 from file_transfer_recipient r where r.file_transfer_id = t.id and r.recipient = :party)";
        String sql = with + switch (q.role()) {
            case SENDER -> branch(asSender, filters, date, direction, limit);
            case RECIPIENT -> branch(asRecipient, filters, date, direction, limit);
            case EITHER -> "select id from ((" + branch(asSender, filters, date, direction, limit) + ") union ("
                    + branch(asRecipient, filters, date, direction, limit) + ")) x order by x.at" + direction + ", x.id limit " + limit;
        };
        return db.sql(sql).params(params).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    private static String branch(String role, CharSequence filters, String date, String direction, int limit) {
        return "select t.id, " + date + " as at from file_transfer t where t.resource_id = :resourceId and " + role + filters
                + " order by " + date + direction + ", t.id limit " + limit;
    }

    FileTransfer map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Long size = rs.getObject("file_size", Long.class);
        return new FileTransfer(id, rs.getString("resource_id"), rs.getString("file_name"), rs.getString("senders_reference"),
                rs.getString("sender"), rs.getString("sender_as_sent"), rs.getString("checksum"), rs.getBoolean("use_virus_scan"), size,
                fromJson(rs.getString("property_list")), FileTransferStatus.valueOf(rs.getString("status")),
                rs.getString("status_description"), instant(rs, "status_changed"), instant(rs, "created"),
                instant(rs, "expiration_time"), instant(rs, "published"), recipients(rs.getString("recipients")));
    }

    private List<FileTransfer.Recipient> recipients(String rows) {
        List<FileTransfer.Recipient> list = new ArrayList<>();
        if (rows != null) {
            try {
                for (List<String> r : json.readValue(rows, RECIPIENT_ROWS)) {
                    list.add(new FileTransfer.Recipient(r.get(0), RecipientStatus.valueOf(r.get(1)), OffsetDateTime.parse(r.get(2)).toInstant()));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return list;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private String toJson(Map<String, String> map) {
        try {
            return json.writeValueAsString(map == null ? Map.of() : map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, String> fromJson(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, PROPERTIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
