package no.formidling.identity;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Assertion ids already accepted, in the database so that no node of a cluster accepts the same grant twice. */
@Component
class UsedAssertions {
    private final JdbcClient db;

    UsedAssertions(JdbcClient db) {
        this.db = db;
    }

    /** @return true the first time this client's {@code jti} is seen; it is remembered until the assertion expires */
    boolean firstUse(String clientId, String jti, Instant expires) {
        return db.sql("insert into identity_used_assertion (client_id, jti, expires_at) values (?, ?, ?) on conflict do nothing")
                .params(clientId, jti, java.sql.Timestamp.from(expires)).update() == 1;
    }

    /** An expired assertion is refused for its {@code exp} anyway, so its id need not be kept. */
    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void forgetExpired() {
        db.sql("delete from identity_used_assertion where expires_at < now() - interval '5 minutes'").update();
    }
}
