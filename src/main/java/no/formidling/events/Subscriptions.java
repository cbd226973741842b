package no.formidling.events;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.auth.ResourceRegistry;
import no.formidling.web.ApiProblem;
import no.formidling.web.ValidationProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists and deletes subscriptions, with Altinn Events' rules: a resource filter is required, the caller must
 * have access to the resource, and only the subscription's creator sees or deletes it. A new subscription gets a
 * validation event and is active once its endpoint answered it with 2xx.
 */
@Service
class Subscriptions {
    static final String RESOURCE_PREFIX = "urn:altinn:resource:";
    private static final Pattern RESOURCE_FILTER = Pattern.compile("^urn:altinn:resource:[A-Za-z0-9_.\\-]{1,255}$");
    private static final Pattern TYPE_FILTER = Pattern.compile("^[A-Za-z0-9_.\\-]{1,255}$");

    private final JdbcClient db;
    private final ResourceRegistry registry;
    private final Clock clock;

    Subscriptions(JdbcClient db, ResourceRegistry registry, Clock clock) {
        this.db = db;
        this.registry = registry;
        this.clock = clock;
    }

    /** The subscriber's name as Altinn Events writes it: {@code /org/<code>} for a service owner, else {@code /organisation/<orgNo>}. */
    static String entityOf(Caller caller) {
        if (caller.serviceOwnerCode() != null && !caller.serviceOwnerCode().isBlank()) {
            return "/org/" + caller.serviceOwnerCode();
        }
        return "/organisation/" + caller.orgNo();
    }

    @Transactional
    public Subscription create(Caller caller, SubscriptionRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String endPoint = request.endPoint() == null ? null : request.endPoint().trim();
        if (!isAbsoluteHttpUrl(endPoint)) {
            errors.put("endPoint", List.of("Missing or invalid endpoint to push events towards: an absolute http or https URL is required."));
        }
        String resourceFilter = request.resourceFilter() == null ? null : request.resourceFilter().trim();
        if (resourceFilter == null || resourceFilter.isEmpty()) {
            errors.put("resourceFilter", List.of("Resource filter is required."));
        } else if (!RESOURCE_FILTER.matcher(resourceFilter).matches()) {
            errors.put("resourceFilter", List.of("Resource filter must be a valid urn: urn:altinn:resource:<resourceId>."));
        }
        if (request.sourceFilter() != null && !request.sourceFilter().isBlank()) {
            errors.put("sourceFilter", List.of("Source filter is not supported for subscriptions on this resource."));
        }
        if (request.alternativeSubjectFilter() != null && !request.alternativeSubjectFilter().isBlank()) {
            errors.put("alternativeSubjectFilter", List.of("AlternativeSubject filter is not supported for subscriptions on this resource."));
        }
        if (Boolean.TRUE.equals(request.includeSubunits())) {
            errors.put("includeSubunits", List.of("Subunits are not supported."));
        }
        String subjectFilter = null;
        if (request.subjectFilter() != null && !request.subjectFilter().isBlank()) {
            String party = Parties.normalize(request.subjectFilter());
            if (party == null) {
                errors.put("subjectFilter", List.of("Subject filter must be an organisation: urn:altinn:organization:identifier-no:<orgNo>."));
            } else {
                subjectFilter = Parties.asUrn(party);
            }
        }
        String typeFilter = request.typeFilter() == null || request.typeFilter().isBlank() ? null : request.typeFilter().trim();
        if (typeFilter != null && !TYPE_FILTER.matcher(typeFilter).matches()) {
            errors.put("typeFilter", List.of("Type filter must be an event type such as no.altinn.broker.published."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors);
        }
        if (caller.party() == null) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "Only organisations can subscribe to events.");
        }
        String resourceId = resourceFilter.substring(RESOURCE_PREFIX.length());
        if (!registry.canRead(resourceId, caller.party()) && !registry.canWrite(resourceId, caller.party())) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "Not authorized to create a subscription for resource " + resourceFilter + ".");
        }
        String subscriber = Parties.asUrn(caller.party());
        if (subjectFilter != null && !subjectFilter.equals(subscriber)) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "Not authorized to subscribe to events about " + subjectFilter + ".");
        }
        String entity = entityOf(caller);
        Instant now = Instant.now(clock);
        long id = db.sql("""
                        insert into event_subscription (end_point, resource_filter, subject_filter, type_filter, consumer, created_by, subscriber, created)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id
                        """)
                .params(endPoint, resourceFilter, subjectFilter, typeFilter, entity, entity, subscriber, Timestamp.from(now))
                .query(Long.class).single();
        // The validation event goes out through the same at-least-once delivery as every other event.
        db.sql("""
                        insert into event_delivery (subscription_id, event_id, event_seq, ordering_key, state, next_attempt, created)
                        values (?, null, 0, 'validation', 'pending', ?, ?)
                        """)
                .params(id, Timestamp.from(now), Timestamp.from(now)).update();
        return find(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Subscription> mine(Caller caller) {
        return db.sql("select * from event_subscription where created_by = ? order by id").param(entityOf(caller)).query(Subscriptions::map).list();
    }

    /** The subscription, when the caller created it: 404 when there is none, 403 when it is someone else's (as upstream). */
    @Transactional(readOnly = true)
    public Subscription get(Caller caller, long id) {
        Subscription s = find(id).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No subscription " + id + "."));
        if (!s.createdBy().equals(entityOf(caller))) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "The subscription belongs to another consumer.");
        }
        return s;
    }

    /** Deletes the subscription and its pending and dead deliveries: nothing more is sent to it. */
    @Transactional
    public void delete(Caller caller, long id) {
        get(caller, id);
        db.sql("delete from event_subscription where id = ?").param(id).update();
    }

    Optional<Subscription> find(long id) {
        return db.sql("select * from event_subscription where id = ?").param(id).query(Subscriptions::map).optional();
    }

    static boolean isAbsoluteHttpUrl(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(rs.getLong("id"), rs.getString("end_point"), null, rs.getString("resource_filter"),
                rs.getString("subject_filter"), null, rs.getString("type_filter"), rs.getString("consumer"), rs.getString("created_by"),
                rs.getTimestamp("created").toInstant().atOffset(ZoneOffset.UTC), rs.getBoolean("validated"), false);
    }
}
