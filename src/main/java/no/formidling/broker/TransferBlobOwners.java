package no.formidling.broker;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import no.formidling.storage.BlobOwners;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A transfer's blob belongs to the service owner of its resource. Blob keys start with the transfer id; the
 * owner of a transfer never changes, so answers are remembered (bounded) instead of asked per chunk.
 */
@Component
class TransferBlobOwners implements BlobOwners {
    private static final int REMEMBERED = 10_000;
    private final JdbcClient db;
    private final Map<UUID, String> known = new ConcurrentHashMap<>();

    TransferBlobOwners(JdbcClient db) {
        this.db = db;
    }

    @Override
    public Optional<String> ownerOf(String key) {
        UUID id = transferIdOf(key);
        if (id == null) {
            return Optional.empty();
        }
        String owner = known.get(id);
        if (owner != null) {
            return Optional.of(owner);
        }
        Optional<String> found = db.sql("""
                        select r.service_owner_org_no from file_transfer t join broker_resource r on r.resource_id = t.resource_id
                        where t.id = ?""")
                .param(id).query(String.class).optional();
        found.ifPresent(o -> {
            if (known.size() >= REMEMBERED) {
                known.clear();
            }
            known.put(id, o);
        });
        return found;
    }

    private static UUID transferIdOf(String key) {
        if (key.length() < 36) {
            return null;
        }
        try {
            return UUID.fromString(key.substring(0, 36));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
