package no.formidling.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives the test run a fresh database of its own on the local PostgreSQL: dropped and created once per JVM,
 * before the first Spring context connects. Fails loudly when PostgreSQL is not there.
 */
public class TestDatabaseCreator implements EnvironmentPostProcessor {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/]+)/([A-Za-z0-9_]+).*");
    private static volatile boolean created;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
        if (!env.getProperty("formidling.test.fresh-database", Boolean.class, false)) {
            return;
        }
        // One database per checkout, so test runs in two working trees on one machine never drop each other's.
        String url = env.getProperty("spring.datasource.url") + "_" + Integer.toHexString(System.getProperty("user.dir").hashCode());
        env.getPropertySources().addFirst(new MapPropertySource("testDatabase", Map.of("spring.datasource.url", url)));
        recreate(url, env.getProperty("spring.datasource.username", "postgres"));
    }

    public static synchronized void recreate(String url, String user) {
        if (created) {
            return;
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("Test datasource URL must be jdbc:postgresql://host:port/name, was " + url);
        }
        String name = m.group(2);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + m.group(1) + "/postgres", user, "")) {
            c.createStatement().execute("drop database if exists " + name + " with (force)");
            c.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL at " + m.group(1) + " (trust auth for " + user + "); start it with "
                    + "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'", e);
        }
        created = true;
    }
}
