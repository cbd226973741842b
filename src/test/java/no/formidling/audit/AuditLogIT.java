package no.formidling.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import no.formidling.bridge.BridgeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Audit rows are kept as written: the database refuses to change or delete them. */
@BridgeIntegrationTest
class AuditLogIT {
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient db;

    @Test
    void rowsCanBeAppendedAndReadButNeverChanged() {
        UUID transfer = UUID.randomUUID();
        long run = 9_000_000_000L + (System.nanoTime() % 1000);
        audit.append(AuditEntry.of("audit-test", run, "a.xml", "upload", AuditEntry.Outcome.SUCCEEDED)
                .size(12L).sha256("ab".repeat(32)).transfer(transfer).took(5));

        assertThat(audit.forRun(run)).singleElement().satisfies(e -> {
            assertThat(e.fileName()).isEqualTo("a.xml");
            assertThat(e.transferId()).isEqualTo(transfer);
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCEEDED);
            assertThat(e.durationMs()).isEqualTo(5);
            assertThat(e.occurredAt()).isNotNull();
        });
        assertThatThrownBy(() -> db.sql("update audit_event set outcome = 'FAILED' where run_id = ?").param(run).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("delete from audit_event where run_id = ?").param(run).update())
                .hasMessageContaining("append-only");
    }
}
