package no.formidling.ops;

import java.util.ArrayList;
import java.util.List;
import no.formidling.storage.BlobStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The console's health strip: database, blob store, malware scanner and SMTP, each up, down or not configured. */
@Component
class HealthStrip {
    enum State { UP, DOWN, OFF, UNKNOWN }

    record Light(String key, State state, String detail) {
    }

    private final JdbcClient db;
    private final BlobStore blobs;
    private final HealthEndpoint health;
    private final String scanType;

    HealthStrip(JdbcClient db, BlobStore blobs, HealthEndpoint health, @Value("${formidling.scan.type:none}") String scanType) {
        this.db = db;
        this.blobs = blobs;
        this.health = health;
        this.scanType = scanType;
    }

    List<Light> lights() {
        List<Light> lights = new ArrayList<>();
        lights.add(database());
        lights.add(blobStore());
        lights.add("none".equals(scanType) ? new Light("scanner", State.OFF, null) : actuator("scanner", scanType));
        lights.add(actuator("mail", null));
        return lights;
    }

    private Light database() {
        try {
            db.sql("select 1").query(Integer.class).single();
            return new Light("database", State.UP, null);
        } catch (RuntimeException e) {
            return new Light("database", State.DOWN, e.getClass().getSimpleName());
        }
    }

    private Light blobStore() {
        try {
            blobs.exists("health-probe");
            return new Light("blobs", State.UP, blobs.getClass().getSimpleName());
        } catch (Exception e) {
            return new Light("blobs", State.DOWN, e.getClass().getSimpleName());
        }
    }

    /** An actuator health component when one is registered (e.g. {@code mail} once SMTP is configured). */
    private Light actuator(String component, String detail) {
        HealthComponent c = health.healthForPath(component);
        if (c == null) {
            return new Light(component, detail == null ? State.OFF : State.UNKNOWN, detail);
        }
        return new Light(component, Status.UP.equals(c.getStatus()) ? State.UP : State.DOWN, c.getStatus().getCode());
    }
}
