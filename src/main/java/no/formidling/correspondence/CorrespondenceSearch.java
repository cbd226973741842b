package no.formidling.correspondence;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import no.formidling.auth.Caller;
import no.formidling.auth.ResourceRegistry;
import no.formidling.register.NationalIdentityNumber;
import no.formidling.register.PartyId;
import no.formidling.web.ValidationProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * GET /correspondence as upstream's GetCorrespondencesHandler: the ids (at most 1000, newest publish time first) a
 * caller may see under one resource, as sender, recipient or both. Recipients never see what is not yet published
 * or failed; {@code idempotentKey} looks up that one correspondence, {@code altinn2CorrespondenceId} the one migrated
 * from Altinn 2 with that id (none here).
 */
@Component
class CorrespondenceSearch {
    static final int LIMIT = 1000;
    private static final Pattern ORG_ON_BEHALF_OF = Pattern.compile("^(?:0192:|urn:altinn:organization:identifier-no:)\\d{9}$");
    private static final Pattern PERSON_ON_BEHALF_OF = Pattern.compile("^(?:urn:altinn:person:identifier-no:)?\\d{11}$");
    static final String[] HIDDEN_FROM_RECIPIENT = {"Initialized", "ReadyForPublish", "Failed"};

    enum Role { Recipient, Sender, RecipientAndSender }

    record Query(String resourceId, OffsetDateTime from, OffsetDateTime to, CorrespondenceStatus status, Role role,
                 String onBehalfOf, String sendersReference, UUID idempotentKey, Integer altinn2CorrespondenceId) {

        /** Binds the query string as ASP.NET would: enums by name (any case) or number, 400 listing every bad field. */
        static Query bind(String resourceId, String from, String to, String status, String role, String onBehalfOf,
                          String sendersReference, String idempotentKey, String altinn2CorrespondenceId) {
            var errors = new java.util.LinkedHashMap<String, List<String>>();
            if (resourceId == null || resourceId.isBlank()) {
                errors.put("resourceId", List.of("The resourceId field is required."));
            }
            OffsetDateTime fromTime = dateTime("from", from, errors);
            OffsetDateTime toTime = dateTime("to", to, errors);
            CorrespondenceStatus statusValue = status == null || status.isBlank() ? null : enumValue("status", status, CorrespondenceStatus.class, errors);
            Role roleValue = null;
            if (role == null || role.isBlank()) {
                errors.put("role", List.of("The role field is required."));
            } else {
                roleValue = enumValue("role", role, Role.class, errors);
            }
            if (onBehalfOf != null && !onBehalfOf.isEmpty()) {
                String problem = onBehalfOfProblem(onBehalfOf);
                if (problem != null) {
                    errors.put("onBehalfOf", List.of(problem));
                }
            }
            UUID key = null;
            if (idempotentKey != null && !idempotentKey.isBlank()) {
                try {
                    key = UUID.fromString(idempotentKey.trim());
                } catch (IllegalArgumentException e) {
                    errors.put("idempotentKey", List.of("The value '" + idempotentKey + "' is not valid."));
                }
            }
            Integer altinn2Id = null;
            if (altinn2CorrespondenceId != null && !altinn2CorrespondenceId.isBlank()) {
                try {
                    altinn2Id = Integer.valueOf(altinn2CorrespondenceId.trim());
                } catch (NumberFormatException e) {
                    errors.put("altinn2CorrespondenceId", List.of("The value '" + altinn2CorrespondenceId + "' is not valid."));
                }
            }
            if (!errors.isEmpty()) {
                throw new ValidationProblem(errors);
            }
            return new Query(resourceId, fromTime, toTime, statusValue, roleValue,
                    onBehalfOf == null || onBehalfOf.isEmpty() ? null : onBehalfOf, sendersReference, key, altinn2Id);
        }

        private static OffsetDateTime dateTime(String field, String value, java.util.Map<String, List<String>> errors) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String v = value.trim();
            try {
                return OffsetDateTime.parse(v);
            } catch (DateTimeParseException withoutOffset) {
                try {
                    return v.length() == 10 ? LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC)
                            : LocalDateTime.parse(v).atOffset(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    errors.put(field, List.of("The value '" + value + "' is not valid."));
                    return null;
                }
            }
        }

        private static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type, java.util.Map<String, List<String>> errors) {
            String v = value.trim();
            E[] constants = type.getEnumConstants();
            if (v.chars().allMatch(Character::isDigit) && v.length() < 4) {
                int n = Integer.parseInt(v);
                if (n < constants.length) {
                    return constants[n];
                }
                errors.put(field, List.of("The " + field + " field must be a defined value."));
                return null;
            }
            for (E c : constants) {
                if (c.name().toLowerCase(Locale.ROOT).equals(v.toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
            errors.put(field, List.of("The value '" + value + "' is not valid for " + field + "."));
            return null;
        }

        private static String onBehalfOfProblem(String value) {
            if (ORG_ON_BEHALF_OF.matcher(value).matches()) {
                return null;
            }
            if (PERSON_ON_BEHALF_OF.matcher(value).matches()) {
                return NationalIdentityNumber.isValid(value.substring(value.length() - 11)) ? null
                        : "The given OnBehalfOf national identity number is not valid";
            }
            return "OnBehalfOf must be either a valid organization number (format: 'urn:altinn:organization:identifier-no:organizationnumber'"
                    + " or '0192:organizationnumber') or a valid national identity number (format: 'urn:altinn:person:identifier-no:nationalidentitynumber'"
                    + " or just 'nationalidentitynumber')";
        }
    }

    private final JdbcClient db;
    private final ResourceRegistry resources;

    CorrespondenceSearch(JdbcClient db, ResourceRegistry resources) {
        this.db = db;
        this.resources = resources;
    }

    List<UUID> search(Caller caller, Query q) {
        if (q.from() != null && q.to() != null && q.from().isAfter(q.to())) {
            throw CorrespondenceError.INVALID_DATE_RANGE.problem();
        }
        String self = CorrespondenceAccess.callerUrn(caller);
        if (self == null) {
            throw CorrespondenceError.COULD_NOT_DETERMINE_CALLER.problem();
        }
        // Without Altinn roles a caller acts only for itself: another party or an unknown resource is no access (4001).
        if (q.onBehalfOf() != null && !PartyId.parse(q.onBehalfOf()).urn().equals(self)) {
            throw CorrespondenceError.NO_ACCESS_TO_RESOURCE.problem();
        }
        if (resources.find(q.resourceId()).isEmpty() || !caller.mayUse(q.resourceId())) {
            throw CorrespondenceError.NO_ACCESS_TO_RESOURCE.problem();
        }
        List<String> roleClauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.role() != Role.Sender) {
            if (q.status() == null) {
                roleClauses.add("(recipient = ? and status <> all(cast(? as text[])))");
                params.add(self);
                params.add(HIDDEN_FROM_RECIPIENT);
            } else if (!List.of(HIDDEN_FROM_RECIPIENT).contains(q.status().name())) {
                roleClauses.add("recipient = ?");
                params.add(self);
            }
        }
        if (q.role() != Role.Recipient && caller.party() != null) {
            roleClauses.add("sender = ?");
            params.add(caller.party());
        }
        if (roleClauses.isEmpty()) {
            return List.of();
        }
        if (q.idempotentKey() == null && q.altinn2CorrespondenceId() != null) {
            // upstream looks up the one correspondence migrated from Altinn 2 with that id (after the idempotent key);
            // nothing is migrated into this server, so no correspondence has one
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select id from correspondence c where (" + String.join(" or ", roleClauses) + ") and resource_id = ?");
        params.add(q.resourceId());
        if (q.idempotentKey() != null) {
            // upstream looks the key up ignoring dates, status and reference
            sql.append(" and idempotent_key = ?");
            params.add(q.idempotentKey());
        } else {
            publishedBetween(sql, params, q.from(), q.to());
            if (q.status() != null) {
                // upstream matches any status the correspondence has had, not only the current one
                sql.append(" and exists (select 1 from correspondence_status s where s.correspondence_id = c.id and s.status = ?)");
                params.add(q.status().name());
            }
            if (q.sendersReference() != null && !q.sendersReference().isEmpty()) {
                sql.append(" and senders_reference = ?");
                params.add(q.sendersReference());
            }
        }
        sql.append(" order by requested_publish_time desc, id limit ").append(LIMIT);
        return db.sql(sql.toString()).params(params).query(UUID.class).list();
    }

    /** Upstream's from/to: strictly after {@code from} and before {@code to}, on the requested publish time. */
    static void publishedBetween(StringBuilder sql, List<Object> params, OffsetDateTime from, OffsetDateTime to) {
        if (from != null) {
            sql.append(" and requested_publish_time > ?");
            params.add(Timestamp.from(from.toInstant()));
        }
        if (to != null) {
            sql.append(" and requested_publish_time < ?");
            params.add(Timestamp.from(to.toInstant()));
        }
    }
}
