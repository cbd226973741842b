package no.formidling.bridge.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * A PostgreSQL session advisory lock per job, held on one connection for the whole run: one run of a job at a time
 * in the cluster, released by the database when the node dies.
 */
@Component
class ClusterLock {
    private final DataSource dataSource;

    ClusterLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the body while holding the job's lock; false (body not run) when another run holds it. */
    boolean runExclusively(String jobName, Runnable body) {
        long key = key(jobName);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (!call(c, "select pg_try_advisory_lock(?)", key)) {
                return false;
            }
            try {
                body.run();
            } finally {
                call(c, "select pg_advisory_unlock(?)", key);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the cluster lock for bridge job " + jobName + ": " + e.getMessage(), e);
        }
    }

    private static boolean call(Connection c, String sql, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static long key(String jobName) {
        byte[] hash = Digests.of("SHA-256").digest(("formidling-bridge:" + jobName).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash).getLong();
    }
}
