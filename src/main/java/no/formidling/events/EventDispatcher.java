package no.formidling.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox to subscribers, at least once, on background threads (never a request thread). Each worker
 * routes new outbox rows, then claims one due delivery at a time and POSTs it inside that delivery's own transaction:
 * a crash or restart mid-send rolls the claim back and the row is sent again later. Failures wait by the retry
 * schedule; after the last attempt the delivery is dead-lettered for the admin API to re-drive.
 */
@Component
class EventDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final DeliveryQueue queue;
    private final CloudEventMessages messages;
    private final WebhookSender sender;
    private final EventProperties props;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Counter delivered;
    private final Counter retried;
    private final Counter deadLettered;
    private final Timer lag;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    EventDispatcher(DeliveryQueue queue, CloudEventMessages messages, WebhookSender sender, EventProperties props,
                    PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.messages = messages;
        this.sender = sender;
        this.props = props;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.delivered = Counter.builder("formidling.events.delivered").description("Events a subscriber accepted (2xx)").register(meters);
        this.retried = Counter.builder("formidling.events.retried").description("Failed deliveries scheduled for another attempt").register(meters);
        this.deadLettered = Counter.builder("formidling.events.dead.lettered").description("Deliveries given up after the last attempt").register(meters);
        this.lag = Timer.builder("formidling.events.delivery.lag").description("From the event's time to its successful delivery").register(meters);
        Gauge.builder("formidling.events.pending", queue, q -> {
            try {
                return q.pending();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("Deliveries waiting to be sent or retried").register(meters);
    }

    @Override
    public synchronized void start() {
        if (!props.enabled() || running) {
            return;
        }
        running = true;
        for (int i = 0; i < Math.max(1, props.workers()); i++) {
            Thread t = new Thread(this::work, "event-delivery-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread t : workers) {
            try {
                t.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void work() {
        while (running) {
            try {
                routeAll();
                int sent = 0;
                while (running && deliverNext()) {
                    // New events join the line now and then, not after every send (each routing is a transaction).
                    if (++sent % 100 == 0) {
                        routeAll();
                    }
                }
                Thread.sleep(props.pollInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Event delivery round failed; trying again", e);
                try {
                    Thread.sleep(props.pollInterval().toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void routeAll() {
        Integer routed;
        do {
            routed = tx.execute(s -> queue.route(Instant.now(clock), 500));
        } while (routed != null && routed >= 500);
    }

    /** Sends one due delivery in its own transaction; false when none is due. */
    boolean deliverNext() {
        Boolean found = tx.execute(status -> {
            Instant now = Instant.now(clock);
            Optional<DeliveryQueue.Claimed> claimed = queue.claimNext(now);
            if (claimed.isEmpty()) {
                return false;
            }
            DeliveryQueue.Claimed d = claimed.get();
            DeliveryQueue.OutboxEvent event = d.isValidation() ? null : queue.event(d.eventId());
            byte[] body = d.isValidation() ? messages.validation(d.subscriptionId(), now) : messages.of(event);
            String error = sender.send(d.endPoint(), body);
            if (Thread.currentThread().isInterrupted()) {
                // Stopping: leave the claim as it was, another node or the next start sends it.
                status.setRollbackOnly();
                return false;
            }
            Instant after = Instant.now(clock);
            if (error == null) {
                queue.delivered(d, after);
                delivered.increment();
                if (event != null) {
                    lag.record(Duration.between(event.time(), after));
                }
            } else if (d.attempts() + 1 >= props.maxAttempts()) {
                queue.deadLetter(d, after, error);
                deadLettered.increment();
                log.warn("Event delivery {} to {} dead-lettered after {} attempts: {}", d.id(), d.endPoint(), d.attempts() + 1, error);
            } else {
                queue.retryAt(d, after.plus(props.delayAfter(d.attempts() + 1)), error);
                retried.increment();
            }
            return true;
        });
        return Boolean.TRUE.equals(found);
    }
}
