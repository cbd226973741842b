package no.formidling.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends CloudEvents-shaped rows to the outbox. Must run inside the transaction that makes the change,
 * so an event exists exactly when its change was committed. The rows of one transaction are written by one
 * statement just before it commits (a transition usually announces two or three events), in the order appended.
 */
@Component
public class EventOutbox {
    private final JdbcClient db;
    private final ObjectMapper json;
    private final String baseUrl;

    public EventOutbox(JdbcClient db, ObjectMapper json, @Value("${formidling.base-url}") String baseUrl) {
        this.db = db;
        this.json = json;
        this.baseUrl = baseUrl;
    }

    /**
     * @param source     the feature's type prefix and source path
     * @param name       upstream event name, e.g. {@code FileTransferInitialized}; the type is the prefix and the name in lower case
     * @param instanceId the file transfer, correspondence, attachment or notification order the event is about
     * @param subjectUrn the party the event is for, in urn form (organisation or person)
     * @param data       the event's {@code data}, or null for none
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(EventSource source, String name, String resourceId, UUID instanceId, String subjectUrn, Map<String, Object> data) {
        append(UUID.randomUUID(), source, name, resourceId, instanceId, subjectUrn, data);
    }

    /** As above with the event's id given: a step that runs again with the same id adds no second event. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(UUID eventId, EventSource source, String name, String resourceId, UUID instanceId, String subjectUrn,
                       Map<String, Object> data) {
        try {
            append(eventId, source.typePrefix() + name.toLowerCase(), baseUrl + source.path(),
                    "urn:altinn:resource:" + resourceId, instanceId.toString(), subjectUrn,
                    data == null ? null : json.writeValueAsString(data), Timestamp.from(Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final String COLUMNS = "insert into outbox_event (id, type, source, resource, resource_instance, subject, data, time) values ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)";

    /** Queues the row on the current transaction, or writes it at once outside one or after its rows were written. */
    private void append(Object... row) {
        PendingRows pending = TransactionSynchronizationManager.isSynchronizationActive() ? pendingRows() : null;
        if (pending == null) {
            insert(List.<Object[]>of(row));
        } else {
            pending.rows.add(row);
        }
    }

    /** The current transaction's rows (synchronizations belong to one transaction, also under REQUIRES_NEW). */
    private PendingRows pendingRows() {
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof PendingRows p) {
                return p.written ? null : p; // a later synchronization's beforeCommit appended after the write
            }
        }
        PendingRows p = new PendingRows();
        TransactionSynchronizationManager.registerSynchronization(p);
        return p;
    }

    private void insert(List<Object[]> rows) {
        List<Object> params = new ArrayList<>(rows.size() * 8);
        rows.forEach(r -> Collections.addAll(params, r));
        db.sql(COLUMNS + String.join(", ", Collections.nCopies(rows.size(), ROW)) + " on conflict (id) do nothing").params(params).update();
    }

    private final class PendingRows implements TransactionSynchronization {
        final List<Object[]> rows = new ArrayList<>(4);
        boolean written;

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            insert(rows);
        }
    }
}
