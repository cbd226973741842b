package no.formidling.ops;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Upstream's {@code GET /health}: 200 when the database answers. */
@RestController
@Tag(name = "Health")
class HealthController {
    private final JdbcClient db;

    HealthController(JdbcClient db) {
        this.db = db;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        try {
            db.sql("select 1").query(Integer.class).single();
            return ResponseEntity.ok("Environment properly configured");
        } catch (RuntimeException e) {
            return ResponseEntity.status(503).body("Database is not reachable");
        }
    }
}
