package no.formidling.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Delivered events older than the retention go, in batches; dead letters, pending and unrouted events stay. */
@IntegrationTest
class EventRetentionIT {
    private static final Instant LONG_AGO = Instant.parse("2001-01-01T00:00:00Z");
    private static final java.sql.Timestamp OLD = java.sql.Timestamp.from(LONG_AGO);
    @Autowired
    JdbcClient db;
    @Autowired
    EventRetention retention;

    @Test
    void deliveredEventsOlderThanTheRetentionAreRemovedAndNothingElse() {
        String marker = "retention-" + UUID.randomUUID();
        long subscription = db.sql("""
                insert into event_subscription (end_point, resource_filter, consumer, created_by, subscriber, created)
                values ('http://127.0.0.1:1/x', 'urn:altinn:resource:' || ?, '/organisation/310000001', '310000001',
                        'urn:altinn:organization:identifier-no:310000001', now()) returning id""").param(marker).query(Long.class).single();
        // 2,500 delivered long ago: more than one batch
        db.sql("""
                with e as (insert into outbox_event (id, type, source, resource, resource_instance, subject, time, routed)
                           select gen_random_uuid(), 'no.altinn.broker.published', 's', ?, 'delivered', 'x', ?, ? from generate_series(1, 2500)
                           returning id, seq)
                insert into event_delivery (subscription_id, event_id, event_seq, ordering_key, state, next_attempt, created, finished)
                select ?, id, seq, 'k', 'delivered', ?, ?, ? from e""")
                .params(marker, OLD, OLD, subscription, OLD, OLD, OLD).update();
        for (String state : new String[] {"dead", "pending"}) {
            db.sql("""
                    with e as (insert into outbox_event (id, type, source, resource, resource_instance, subject, time, routed)
                               values (gen_random_uuid(), 'no.altinn.broker.published', 's', ?, ?, 'x', ?, ?) returning id, seq)
                    insert into event_delivery (subscription_id, event_id, event_seq, ordering_key, state, next_attempt, created, finished)
                    select ?, id, seq, 'k', ?, ?, ?, ? from e""")
                    .params(marker, state, OLD, OLD, subscription, state, OLD, OLD, "dead".equals(state) ? OLD : (java.sql.Timestamp) null).update();
        }
        db.sql("insert into outbox_event (id, type, source, resource, resource_instance, subject, time, routed) values (gen_random_uuid(), 't', 's', ?, 'unrouted', 'x', ?, null)")
                .params(marker, OLD).update();
        db.sql("insert into outbox_event (id, type, source, resource, resource_instance, subject, time, routed) values (gen_random_uuid(), 't', 's', ?, 'no-subscriber', 'x', ?, ?)")
                .params(marker, OLD, OLD).update();
        db.sql("insert into outbox_event (id, type, source, resource, resource_instance, subject, time, routed) values (gen_random_uuid(), 't', 's', ?, 'recent', 'x', now(), now())")
                .param(marker).update();

        int removed = retention.removeOlderThan(LONG_AGO.plusSeconds(3600));

        assertThat(removed).isEqualTo(2500 + 2500 + 1);
        assertThat(db.sql("select resource_instance from outbox_event where resource = ? order by resource_instance").param(marker).query(String.class).list())
                .containsExactly("dead", "pending", "recent", "unrouted");
        assertThat(db.sql("select state from event_delivery where subscription_id = ? order by state").param(subscription).query(String.class).list())
                .containsExactly("dead", "pending");
    }
}
