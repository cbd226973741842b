package no.formidling.correspondence;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.register.PartyId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** GET /correspondence: the ids a caller may see, as sender, recipient or both; recipients never see unpublished ones. */
@Component
class CorrespondenceSearch {
    static final int LIMIT = 1000;

    enum Role { Recipient, Sender, RecipientAndSender }

    record Query(String resourceId, OffsetDateTime from, OffsetDateTime to, CorrespondenceStatus status, Role role,
                 String onBehalfOf, String sendersReference, UUID idempotentKey) {
    }

    private final JdbcClient db;

    CorrespondenceSearch(JdbcClient db) {
        this.db = db;
    }

    List<UUID> search(Caller caller, Query q) {
        if (q.from() != null && q.to() != null && q.from().isAfter(q.to())) {
            throw CorrespondenceError.INVALID_DATE_RANGE.problem();
        }
        String self = CorrespondenceAccess.callerUrn(caller);
        if (q.onBehalfOf() != null && !q.onBehalfOf().isBlank()) {
            PartyId behalf = PartyId.parse(q.onBehalfOf());
            // Without Altinn roles a caller acts only for itself.
            if (behalf == null || !behalf.urn().equals(self)) {
                return List.of();
            }
        }
        List<String> roleClauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (q.role() != Role.Sender && self != null) {
            String[] visible = CorrespondenceStatus.AVAILABLE_FOR_RECIPIENT.stream().map(Enum::name).toArray(String[]::new);
            roleClauses.add("(recipient = ? and status = any(cast(? as text[])))");
            params.add(self);
            params.add(visible);
        }
        if (q.role() != Role.Recipient && caller.party() != null) {
            roleClauses.add("sender = ?");
            params.add(caller.party());
        }
        if (roleClauses.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select id from correspondence where (" + String.join(" or ", roleClauses) + ")");
        if (q.resourceId() != null && !q.resourceId().isBlank()) {
            sql.append(" and resource_id = ?");
            params.add(q.resourceId());
        }
        if (q.from() != null) {
            sql.append(" and created >= ?");
            params.add(Timestamp.from(q.from().toInstant()));
        }
        if (q.to() != null) {
            sql.append(" and created <= ?");
            params.add(Timestamp.from(q.to().toInstant()));
        }
        if (q.status() != null) {
            sql.append(" and status = ?");
            params.add(q.status().name());
        }
        if (q.sendersReference() != null) {
            sql.append(" and senders_reference = ?");
            params.add(q.sendersReference());
        }
        if (q.idempotentKey() != null) {
            sql.append(" and idempotent_key = ?");
            params.add(q.idempotentKey());
        }
        sql.append(" order by created, id limit ").append(LIMIT);
        return db.sql(sql.toString()).params(params).query(UUID.class).list();
    }
}
