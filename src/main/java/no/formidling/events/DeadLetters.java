package no.formidling.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Event deliveries that used all their attempts, and sending them again: shared by the admin API and the ops console. */
@Service
public class DeadLetters {
    private final DeliveryQueue queue;
    private final Clock clock;

    DeadLetters(DeliveryQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** Deliveries in a state (pending, delivered or dead), newest first. */
    @Transactional(readOnly = true)
    public List<DeliveryView> list(String state, int limit) {
        return queue.list(state, limit);
    }

    /** The dead-lettered deliveries, newest first. */
    @Transactional(readOnly = true)
    public List<DeliveryView> dead(int limit) {
        return queue.list("dead", limit);
    }

    /** Puts a dead delivery back in line with a fresh set of attempts; false when there is no such dead delivery. */
    @Transactional
    public boolean redrive(long id) {
        return queue.redrive(id, Instant.now(clock));
    }

    @Transactional
    public int redriveAll() {
        return queue.redriveAllDead(Instant.now(clock));
    }
}
