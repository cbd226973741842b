package no.formidling.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One step done for one file.
 *
 * @param runId    the bridge run (Spring Batch job execution id)
 * @param step     e.g. {@code upload}, {@code publish}, {@code archive}, {@code download}, {@code confirm}, {@code cancel}
 * @param outcome  {@link Outcome}
 */
public record AuditEntry(Long id, Instant occurredAt, String jobName, Long runId, String fileName, Long fileSize,
                         String sha256, UUID transferId, String step, Outcome outcome, String error, Long durationMs) {

    public enum Outcome { SUCCEEDED, FAILED, SKIPPED, COMPENSATED }

    public static AuditEntry of(String jobName, Long runId, String fileName, String step, Outcome outcome) {
        return new AuditEntry(null, null, jobName, runId, fileName, null, null, null, step, outcome, null, null);
    }

    public AuditEntry size(Long bytes) {
        return new AuditEntry(id, occurredAt, jobName, runId, fileName, bytes, sha256, transferId, step, outcome, error, durationMs);
    }

    public AuditEntry sha256(String hex) {
        return new AuditEntry(id, occurredAt, jobName, runId, fileName, fileSize, hex, transferId, step, outcome, error, durationMs);
    }

    public AuditEntry transfer(UUID transfer) {
        return new AuditEntry(id, occurredAt, jobName, runId, fileName, fileSize, sha256, transfer, step, outcome, error, durationMs);
    }

    public AuditEntry error(String why) {
        return new AuditEntry(id, occurredAt, jobName, runId, fileName, fileSize, sha256, transferId, step, outcome, why, durationMs);
    }

    public AuditEntry took(long millis) {
        return new AuditEntry(id, occurredAt, jobName, runId, fileName, fileSize, sha256, transferId, step, outcome, error, millis);
    }
}
