package no.formidling.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Serialises the first-start work of nodes that start at the same moment on one database. As soon as the data
 * source exists, and before anyone else can use it, a session-level PostgreSQL advisory lock is taken on a
 * connection of its own; it is held until the application is ready, so Flyway's migrations, Spring Batch's and
 * Camunda's schema creation, Camunda's deployment and admin user, and the demo data run on one node at a time.
 * A node that finds the lock taken waits for it; it then finds the schema in place and skips the work.
 */
class StartupSchemaLock implements BeanPostProcessor, ApplicationListener<ApplicationEvent> {
    /** Distinct from the bridge's per-job locks, which are derived from a SHA-256 of the job name. */
    static final long KEY = 0x466f726d_53746172L; // "FormStar"
    private static final Logger log = LoggerFactory.getLogger(StartupSchemaLock.class);
    private Connection held;
    private boolean taken;

    @Override
    public synchronized Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !taken) {
            taken = true;
            held = lock(dataSource);
        }
        return bean;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationReadyEvent || event instanceof ApplicationFailedEvent || event instanceof ContextClosedEvent) {
            release();
        }
    }

    private static Connection lock(DataSource dataSource) {
        try {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(true);
                if (!call(c, "select pg_try_advisory_lock(?)")) {
                    log.info("Another node is creating or upgrading the database schema; waiting for it to finish");
                    call(c, "select pg_advisory_lock(?)::text is not null");
                    log.info("The other node has finished its start-up work; continuing");
                }
                return c;
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the start-up lock on the database: " + e.getMessage(), e);
        }
    }

    private synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection c = held) {
            call(c, "select pg_advisory_unlock(?)");
        } catch (SQLException e) {
            // The lock belongs to the session: closing the connection releases it anyway.
            log.debug("Releasing the start-up lock", e);
        } finally {
            held = null;
        }
    }

    private static boolean call(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
