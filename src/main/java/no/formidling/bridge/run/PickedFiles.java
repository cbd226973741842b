package no.formidling.bridge.run;

import java.util.Optional;
import java.util.UUID;
import no.formidling.audit.AuditEntry;
import no.formidling.audit.AuditLog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every file a job has picked up, shared by all nodes: the accept-once filter, and the transfer id that lets a
 * restarted run resume a transfer instead of sending the file again. Each change commits on its own.
 */
@Repository
public class PickedFiles {
    public enum State { CLAIMED, INITIALIZED, UPLOADED, WRITING, WRITTEN, DONE, FAILED }

    public record Picked(String jobName, String fileKey, String fileName, State state, UUID transferId, int attempt, String targetName) {
        public boolean finished() {
            return state == State.DONE || state == State.FAILED;
        }
    }

    private final JdbcClient db;
    private final AuditLog audit;
    private final TransactionTemplate own;

    public PickedFiles(JdbcClient db, AuditLog audit, PlatformTransactionManager tx) {
        this.db = db;
        this.audit = audit;
        this.own = new TransactionTemplate(tx);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records the file as picked up by this run, or returns what an earlier run recorded. */
    public Picked claim(String job, String key, String fileName, Long size, long runId) {
        return own.execute(s -> {
            db.sql("""
                    insert into bridge_file (job_name, file_key, file_name, file_size, state, run_id) values (?, ?, ?, ?, 'CLAIMED', ?)
                    on conflict (job_name, file_key) do update set run_id = excluded.run_id, updated = now()""")
                    .params(job, key, fileName, size, runId).update();
            return find(job, key).orElseThrow();
        });
    }

    public Optional<Picked> find(String job, String key) {
        return db.sql("select job_name, file_key, file_name, state, transfer_id, attempt, target_name from bridge_file where job_name = ? and file_key = ?")
                .params(job, key)
                .query((rs, n) -> new Picked(rs.getString(1), rs.getString(2), rs.getString(3), State.valueOf(rs.getString(4)),
                        rs.getObject(5, UUID.class), rs.getInt(6), rs.getString(7)))
                .optional();
    }

    public boolean isFinished(String job, String key) {
        return find(job, key).map(Picked::finished).orElse(false);
    }

    public void transfer(String job, String key, UUID transferId, int attempt) {
        own.executeWithoutResult(s -> db.sql("update bridge_file set transfer_id = ?, attempt = ?, state = 'INITIALIZED', updated = now() where job_name = ? and file_key = ?")
                .params(transferId, attempt, job, key).update());
    }

    /** Reserves the target name for this file; false when another file of the job in flight holds it. */
    public boolean target(String job, String key, String fileName, String targetName) {
        try {
            own.executeWithoutResult(s -> db.sql("update bridge_file set file_name = ?, target_name = ?, state = 'WRITING', updated = now() where job_name = ? and file_key = ?")
                    .params(fileName, targetName, job, key).update());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Changes the file's state and appends the audit rows that record the step, in one commit. */
    public void state(String job, String key, State state, String error, AuditEntry... recorded) {
        own.executeWithoutResult(s -> {
            db.sql("update bridge_file set state = ?, error = ?, updated = now() where job_name = ? and file_key = ?")
                    .params(state.name(), error, job, key).update();
            for (AuditEntry e : recorded) {
                audit.appendToCurrentTransaction(e);
            }
        });
    }
}
