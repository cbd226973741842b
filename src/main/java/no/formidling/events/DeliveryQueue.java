package no.formidling.events;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The delivery rows in the database, which every node shares: routing outbox rows to the subscriptions they match,
 * claiming a due delivery ({@code FOR UPDATE SKIP LOCKED}, so two nodes never send the same row at once) and
 * recording each attempt. Callers run each method inside the transaction that holds the claim.
 */
@Component
class DeliveryQueue {
    /** The advisory lock that lets one node at a time route the outbox, in the order it was written. */
    private static final long ROUTING_LOCK = 0x466f726d45767473L;

    private final JdbcClient db;

    DeliveryQueue(JdbcClient db) {
        this.db = db;
    }

    /** A claimed delivery: the outbox row (null for a validation event) and where it goes. */
    record Claimed(long id, long subscriptionId, UUID eventId, int attempts, String endPoint) {
        boolean isValidation() {
            return eventId == null;
        }
    }

    record OutboxEvent(UUID id, String type, String source, String resource, String resourceInstance, String subject,
                       String data, Instant time) {
    }

    /**
     * Creates a pending delivery for each subscription each unrouted outbox row matches: same resource, the event is
     * for the subscriber, and the subject and type filters (when set) agree. Returns how many outbox rows were routed,
     * or -1 when another node is routing right now.
     */
    int route(Instant now, int batch) {
        Boolean locked = db.sql("select pg_try_advisory_xact_lock(?)").param(ROUTING_LOCK).query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return -1;
        }
        return db.sql("""
                        with batch as (
                            select id, seq, type, resource, resource_instance, subject, time from outbox_event
                            where routed is null order by seq limit ? for update skip locked
                        ), routed as (
                            insert into event_delivery (subscription_id, event_id, event_seq, ordering_key, state, next_attempt, created)
                            select s.id, b.id, b.seq, b.resource_instance, 'pending', ?, ?
                            from batch b join event_subscription s on s.resource_filter = b.resource and s.subscriber = b.subject
                            where s.created <= b.time
                              and (s.subject_filter is null or s.subject_filter = b.subject)
                              and (s.type_filter is null or s.type_filter = b.type)
                            on conflict do nothing
                        )
                        update outbox_event set routed = ? where id in (select id from batch)
                        """)
                .params(batch, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now)).update();
    }

    /**
     * Claims the next due delivery, locked until the caller's transaction ends. A delivery waits while an earlier
     * event of the same transfer is still pending for the same subscription, and events wait for the subscription's
     * validation.
     */
    Optional<Claimed> claimNext(Instant now) {
        // Walk the due index in order and stop at the first claimable row; with a sort the planner (on stale
        // statistics) would judge every pending row first, which made a backlog of thousands cost seconds per claim.
        db.sql("set local enable_sort = off").update();
        return db.sql("""
                        select d.id, d.subscription_id, d.event_id, d.attempts,
                               (select s.end_point from event_subscription s where s.id = d.subscription_id)
                        from event_delivery d
                        where d.state = 'pending' and d.next_attempt <= ?
                          and exists (select 1 from event_subscription s where s.id = d.subscription_id and (s.validated or d.event_id is null))
                          and d.event_seq = (select min(p.event_seq) from event_delivery p
                                             where p.subscription_id = d.subscription_id and p.ordering_key = d.ordering_key
                                               and p.state = 'pending')
                        order by d.next_attempt, d.event_seq
                        limit 1
                        for update of d skip locked
                        """)
                .param(Timestamp.from(now))
                .query((rs, n) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getInt(4), rs.getString(5)))
                .optional();
    }

    OutboxEvent event(UUID id) {
        return db.sql("select id, type, source, resource, resource_instance, subject, data::text, time from outbox_event where id = ?")
                .param(id)
                .query((rs, n) -> new OutboxEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .single();
    }

    void delivered(Claimed d, Instant now) {
        db.sql("update event_delivery set state = 'delivered', attempts = attempts + 1, finished = ?, last_error = null where id = ?")
                .params(Timestamp.from(now), d.id()).update();
        if (d.isValidation()) {
            db.sql("update event_subscription set validated = true where id = ?").param(d.subscriptionId()).update();
        }
    }

    void retryAt(Claimed d, Instant next, String error) {
        db.sql("update event_delivery set attempts = attempts + 1, next_attempt = ?, last_error = ? where id = ?")
                .params(Timestamp.from(next), truncate(error), d.id()).update();
    }

    void deadLetter(Claimed d, Instant now, String error) {
        db.sql("update event_delivery set state = 'dead', attempts = attempts + 1, finished = ?, last_error = ? where id = ?")
                .params(Timestamp.from(now), truncate(error), d.id()).update();
    }

    List<DeliveryView> list(String state, int limit) {
        return db.sql("""
                        select d.id, d.subscription_id, s.end_point, d.event_id, coalesce(e.type, 'platform.events.validatesubscription'),
                               e.resource_instance, e.subject, d.state, d.attempts, d.next_attempt, d.last_error, d.created, d.finished
                        from event_delivery d join event_subscription s on s.id = d.subscription_id
                        left join outbox_event e on e.id = d.event_id
                        where d.state = ? order by d.id desc limit ?
                        """)
                .params(state, limit)
                .query((rs, n) -> new DeliveryView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), utc(rs.getTimestamp(10)), rs.getString(11),
                        utc(rs.getTimestamp(12)), utc(rs.getTimestamp(13))))
                .list();
    }

    /** Puts a dead delivery back in line with a fresh set of attempts; false when there is no such dead delivery. */
    boolean redrive(long id, Instant now) {
        return db.sql("update event_delivery set state = 'pending', attempts = 0, next_attempt = ?, finished = null where id = ? and state = 'dead'")
                .params(Timestamp.from(now), id).update() == 1;
    }

    int redriveAllDead(Instant now) {
        return db.sql("update event_delivery set state = 'pending', attempts = 0, next_attempt = ?, finished = null where state = 'dead'")
                .param(Timestamp.from(now)).update();
    }

    long pending() {
        return db.sql("select count(*) from event_delivery where state = 'pending'").query(Long.class).single();
    }

    private static OffsetDateTime utc(Timestamp t) {
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
