package no.formidling.events;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code formidling.events.delivery.*}: how the outbox is delivered to subscribers.
 *
 * @param enabled        whether this node delivers (every node may; rows are claimed in the database)
 * @param pollInterval   how long an idle worker waits before looking for due deliveries again
 * @param workers        concurrent deliveries on this node
 * @param retryDelays    the wait after each failed attempt; attempts = delays + 1, then the dead-letter list.
 *                       The default is Altinn Events' schedule: 12 attempts over about 36 hours
 * @param connectTimeout connection timeout towards a subscriber's endpoint
 * @param requestTimeout time a subscriber has to answer
 */
@ConfigurationProperties("formidling.events.delivery")
record EventProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("2") int workers,
        @DefaultValue({"PT10S", "PT30S", "PT1M", "PT5M", "PT10M", "PT30M", "PT1H", "PT3H", "PT6H", "PT12H", "PT12H"}) List<Duration> retryDelays,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT30S") Duration requestTimeout) {

    int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /** The wait after the {@code attempts}-th failed attempt. */
    Duration delayAfter(int attempts) {
        return retryDelays.get(Math.min(attempts, retryDelays.size()) - 1);
    }
}
