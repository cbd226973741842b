package no.formidling.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends CloudEvents-shaped rows to the outbox. Must run inside the transaction that makes the change,
 * so an event exists exactly when its change was committed.
 */
@Component
public class EventOutbox {
    public static final String BROKER_TYPE_PREFIX = "no.altinn.broker.";
    public static final String CORRESPONDENCE_TYPE_PREFIX = "no.altinn.correspondence.";
    private final JdbcClient db;
    private final ObjectMapper json;
    private final String baseUrl;

    public EventOutbox(JdbcClient db, ObjectMapper json, @Value("${formidling.base-url}") String baseUrl) {
        this.db = db;
        this.json = json;
        this.baseUrl = baseUrl;
    }

    /**
     * @param name       upstream event name, e.g. {@code FileTransferInitialized}
     * @param subjectUrn the party the event is for, as {@code urn:altinn:organization:identifier-no:<orgNo>}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendBrokerEvent(String name, String resourceId, UUID fileTransferId, String subjectUrn, Map<String, Object> data) {
        try {
            db.sql("""
                    insert into outbox_event (id, type, source, resource, resource_instance, subject, data, time)
                    values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
                    """)
                    .params(UUID.randomUUID(), BROKER_TYPE_PREFIX + name.toLowerCase(), baseUrl + "/broker/api/v1/filetransfer",
                            "urn:altinn:resource:" + resourceId, fileTransferId.toString(), subjectUrn,
                            data == null ? null : json.writeValueAsString(data), Timestamp.from(Instant.now()))
                    .update();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * @param name        upstream event name, e.g. {@code CorrespondencePublished}
     * @param eventSource upstream's source path under {@code /correspondence/api/v1/}: correspondence, attachment or notification
     * @param subjectUrn  the party the event is for, in urn form (organisation or person)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendCorrespondenceEvent(String name, String resourceId, UUID instanceId, String eventSource, String subjectUrn) {
        db.sql("""
                insert into outbox_event (id, type, source, resource, resource_instance, subject, data, time)
                values (?, ?, ?, ?, ?, ?, null, ?)
                """)
                .params(UUID.randomUUID(), CORRESPONDENCE_TYPE_PREFIX + name.toLowerCase(), baseUrl + "/correspondence/api/v1/" + eventSource,
                        "urn:altinn:resource:" + resourceId, instanceId.toString(), subjectUrn, Timestamp.from(Instant.now()))
                .update();
    }
}
