package no.formidling.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Appends audit rows in their own transaction, so a rolled-back chunk never erases what happened. */
@Service
public class AuditLog {
    private final JdbcClient db;
    private final TransactionTemplate ownTransaction;

    public AuditLog(JdbcClient db, PlatformTransactionManager tx) {
        this.db = db;
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void append(AuditEntry e) {
        ownTransaction.executeWithoutResult(s -> appendToCurrentTransaction(e));
    }

    /** Appends in the caller's transaction: a state change and the audit row that records it commit together. */
    public void appendToCurrentTransaction(AuditEntry e) {
        db.sql("""
                        insert into audit_event (job_name, run_id, file_name, file_size, sha256, transfer_id, step, outcome, error, duration_ms)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.jobName(), e.runId(), e.fileName(), e.fileSize(), e.sha256(), e.transferId(), e.step(),
                        e.outcome().name(), e.error(), e.durationMs())
                .update();
    }

    public List<AuditEntry> forRun(long runId) {
        return db.sql("select * from audit_event where run_id = ? order by id").param(runId).query(AuditLog::row).list();
    }

    public List<AuditEntry> forJob(String jobName, int limit) {
        return db.sql("select * from audit_event where job_name = ? order by id desc limit ?").params(jobName, limit).query(AuditLog::row).list();
    }

    private static AuditEntry row(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("job_name"),
                (Long) rs.getObject("run_id"), rs.getString("file_name"), (Long) rs.getObject("file_size"), rs.getString("sha256"),
                rs.getObject("transfer_id", UUID.class), rs.getString("step"), AuditEntry.Outcome.valueOf(rs.getString("outcome")),
                rs.getString("error"), (Long) rs.getObject("duration_ms"));
    }
}
