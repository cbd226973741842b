package no.formidling.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the outbox from growing without bound: deliveries that succeeded, and outbox rows that were routed and have no
 * delivery left, are deleted once older than {@code formidling.events.retention}, a small batch per transaction, by one
 * node of a cluster at a time. Dead letters, and the events they point at, stay until an operator re-drives or discards them.
 */
@Component
class EventRetention {
    /** The advisory lock that lets one node at a time remove old rows. */
    static final long RETENTION_LOCK = 0x0E7E172E7EL;
    private static final Logger log = LoggerFactory.getLogger(EventRetention.class);
    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration retention;
    private final int batch;

    EventRetention(JdbcClient db, PlatformTransactionManager transactions, Clock clock,
                   @Value("${formidling.events.retention:P7D}") Duration retention,
                   @Value("${formidling.events.retention-batch:1000}") int batch) {
        this.db = db;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.retention = retention;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${formidling.events.retention-interval:PT10M}", initialDelayString = "PT2M")
    void sweep() {
        int removed = removeOlderThan(clock.instant().minus(retention));
        if (removed > 0) {
            log.info("Event retention: removed {} delivered events and deliveries older than {}", removed, retention);
        }
    }

    /** @return rows removed; 0 also when another node holds the lock */
    int removeOlderThan(Instant before) {
        Timestamp cutoff = Timestamp.from(before);
        int total = 0;
        while (true) {
            Integer removed = tx.execute(s -> {
                if (!Boolean.TRUE.equals(db.sql("select pg_try_advisory_xact_lock(?)").param(RETENTION_LOCK).query(Boolean.class).single())) {
                    return 0;
                }
                int deliveries = db.sql("""
                        delete from event_delivery where id in (
                            select id from event_delivery where state = 'delivered' and finished < ? order by finished limit ?)""")
                        .params(cutoff, batch).update();
                int events = db.sql("""
                        delete from outbox_event where id in (
                            select e.id from outbox_event e where e.routed is not null and e.routed < ?
                              and not exists (select 1 from event_delivery d where d.event_id = e.id)
                            order by e.routed limit ?)""")
                        .params(cutoff, batch).update();
                return deliveries + events;
            });
            if (removed == null || removed == 0) {
                return total;
            }
            total += removed;
        }
    }
}
