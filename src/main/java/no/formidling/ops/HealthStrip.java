package no.formidling.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import no.formidling.scan.MalwareScanner;
import no.formidling.storage.BlobStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The console's health strip: database, blob store, malware scanner and SMTP, each up, down or not configured.
 * The scanner and SMTP checks open a connection each, so their answers are kept for {@code formidling.ops.health-cache}.
 */
@Component
class HealthStrip {
    enum State { UP, DOWN, OFF, UNKNOWN }

    record Light(String key, State state, String detail) {
    }

    private record Cached(Light light, Instant at) {
    }

    private final JdbcClient db;
    private final BlobStore blobs;
    private final MalwareScanner scanner;
    private final String scanType;
    private final JavaMailSender mail;
    private final Duration probeTimeout;
    private final Duration cacheFor;
    private final Clock clock;
    private volatile Cached scannerLight;
    private volatile Cached mailLight;

    HealthStrip(JdbcClient db, BlobStore blobs, MalwareScanner scanner, @Value("${formidling.scan.type:none}") String scanType,
                ObjectProvider<JavaMailSender> mail, @Value("${spring.mail.host:}") String mailHost,
                @Value("${formidling.ops.health-timeout:PT2S}") Duration probeTimeout,
                @Value("${formidling.ops.health-cache:PT30S}") Duration cacheFor, Clock clock) {
        this.db = db;
        this.blobs = blobs;
        this.scanner = scanner;
        this.scanType = scanType;
        this.mail = mailHost.isBlank() ? null : mail.getIfAvailable();
        this.probeTimeout = probeTimeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    List<Light> lights() {
        return List.of(database(), blobStore(), scanner(), mail());
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

    Light scanner() {
        if (!scanner.enabled()) {
            return new Light("scanner", State.OFF, null);
        }
        Cached c = scannerLight;
        if (c == null || expired(c)) {
            Light light;
            try {
                scanner.ping(probeTimeout);
                light = new Light("scanner", State.UP, scanType);
            } catch (Exception e) {
                light = new Light("scanner", State.DOWN, scanType + ": " + reason(e));
            }
            scannerLight = c = new Cached(light, clock.instant());
        }
        return c.light();
    }

    Light mail() {
        if (mail == null) {
            return new Light("mail", State.OFF, null);
        }
        Cached c = mailLight;
        if (c == null || expired(c)) {
            Light light;
            try {
                probeSender().testConnection();
                light = new Light("mail", State.UP, address());
            } catch (Exception e) {
                light = new Light("mail", State.DOWN, address() + ": " + reason(e));
            }
            mailLight = c = new Cached(light, clock.instant());
        }
        return c.light();
    }

    /** A copy of the configured sender with short timeouts, so a silent SMTP server cannot hold the page. */
    private JavaMailSenderImpl probeSender() {
        JavaMailSenderImpl probe = new JavaMailSenderImpl();
        if (mail instanceof JavaMailSenderImpl configured) {
            probe.setHost(configured.getHost());
            probe.setPort(configured.getPort());
            probe.setProtocol(configured.getProtocol());
            probe.setUsername(configured.getUsername());
            probe.setPassword(configured.getPassword());
            Properties props = new Properties();
            props.putAll(configured.getJavaMailProperties());
            String timeout = String.valueOf(probeTimeout.toMillis());
            for (String protocol : List.of("smtp", "smtps")) {
                props.setProperty("mail." + protocol + ".connectiontimeout", timeout);
                props.setProperty("mail." + protocol + ".timeout", timeout);
                props.setProperty("mail." + protocol + ".writetimeout", timeout);
            }
            probe.setJavaMailProperties(props);
        }
        return probe;
    }

    private String address() {
        return mail instanceof JavaMailSenderImpl m ? m.getHost() + ":" + (m.getPort() > 0 ? m.getPort() : 25) : "";
    }

    private boolean expired(Cached c) {
        return c.at().plus(cacheFor).isBefore(clock.instant());
    }

    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
