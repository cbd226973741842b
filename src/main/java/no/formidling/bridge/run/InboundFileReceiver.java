package no.formidling.bridge.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import no.formidling.audit.AuditEntry;
import no.formidling.audit.AuditEntry.Outcome;
import no.formidling.bridge.client.BrokerCallException;
import no.formidling.bridge.client.BrokerClient;
import no.formidling.bridge.endpoint.FileNames;
import no.formidling.bridge.endpoint.NameRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one transfer: stream the download to a temporary name, make it durable, rename it, and only then
 * confirm the download. A restart after the rename only confirms; the name is chosen once and remembered.
 */
class InboundFileReceiver {
    private static final Logger log = LoggerFactory.getLogger(InboundFileReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunContext run;

    InboundFileReceiver(RunContext run) {
        this.run = run;
    }

    FileOutcome receive(UUID transfer) {
        String job = run.job.name();
        String key = transfer.toString();
        PickedFiles.Picked picked = run.files.claim(job, key, key, null, run.runId);
        if (picked.finished()) {
            return FileOutcome.SKIPPED;
        }
        long started = System.nanoTime();
        String fileName = picked.fileName();
        String target = picked.targetName();
        try {
            BrokerClient.Overview overview = run.calls.execute(c -> run.broker.overview(transfer));
            fileName = overview.fileName();
            String sha256 = null;
            long size = overview.size();
            boolean alreadyWritten = picked.state() == PickedFiles.State.WRITTEN
                    || picked.state() == PickedFiles.State.WRITING && target != null && run.store.exists(target);
            if (!alreadyWritten) {
                if (target == null) {
                    target = reserveTargetName(overview.fileName(), transfer);
                }
                String name = target;
                MessageDigest sha = Digests.of("SHA-256");
                MessageDigest md5 = Digests.of("MD5");
                AtomicLong count = new AtomicLong();
                run.calls.execute(c -> {
                    sha.reset();
                    md5.reset();
                    count.set(0);
                    try {
                        return run.broker.download(transfer, in -> {
                            run.store.writeAtomically(name, new CountingDigestStream(in, count, sha, md5));
                            return null;
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                sha256 = Digests.hex(sha);
                size = count.get();
                String expected = overview.checksum();
                if (expected != null && !expected.isBlank() && !expected.equalsIgnoreCase(Digests.hex(md5))) {
                    run.store.delete(name);
                    throw new BadFileException("downloaded bytes do not match the transfer's MD5 checksum " + expected);
                }
                run.files.state(job, key, PickedFiles.State.WRITTEN, null,
                        entry(fileName, transfer, "download", Outcome.SUCCEEDED).size(size).sha256(sha256).took(Elapsed.millisSince(started)));
            }
            long confirmStarted = System.nanoTime();
            run.calls.execute(c -> {
                run.broker.confirmDownload(transfer);
                return null;
            });
            run.files.state(job, key, PickedFiles.State.DONE, null, entry(fileName, transfer, "confirm", Outcome.SUCCEEDED).size(size)
                    .took(Elapsed.millisSince(confirmStarted)));
            return FileOutcome.WRITTEN;
        } catch (BadFileException | BrokerCallException | UncheckedIOException | IllegalStateException | IOException e) {
            String why = Failures.sentence(e);
            log.warn("Bridge job {}: transfer {} ({}) failed: {}", job, transfer, fileName, why);
            writeErrorReport(fileName, target, transfer, why);
            run.files.state(job, key, PickedFiles.State.FAILED, why,
                    entry(fileName, transfer, "receive", Outcome.FAILED).error(why).took(Elapsed.millisSince(started)));
            return FileOutcome.FAILED;
        }
    }

    private void writeErrorReport(String fileName, String target, UUID transfer, String why) {
        try {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("job", run.job.name());
            report.put("run", run.runId);
            report.put("transferId", transfer.toString());
            report.put("fileName", fileName);
            report.put("downloadConfirmed", false);
            report.put("error", why);
            report.put("time", java.time.OffsetDateTime.now().toString());
            String base = target != null ? target : FileNames.forTarget(fileName, transfer.toString());
            run.store.writeText(run.job.errorDirectory(), base + ".error.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (IOException | RuntimeException e) {
            log.error("Bridge job {}: could not write the error report for {}: {}", run.job.name(), transfer, e.getMessage());
        }
    }

    /**
     * The name as sent (see {@link FileNames}), unless a file of that name is in the target or another transfer of
     * this job is being written under it right now: then {@code <transferId>-<name>}. Two transfers never share one.
     * A name the target refuses becomes the transfer id.
     */
    private String reserveTargetName(String sent, UUID transfer) throws IOException {
        String job = run.job.name();
        String key = transfer.toString();
        String name = FileNames.forTarget(sent, key);
        try {
            if (!run.store.exists(name) && run.files.target(job, key, sent, name)) {
                return name;
            }
        } catch (NameRefusedException e) {
            log.warn("Bridge job {}: transfer {}: {}; written under its transfer id instead", job, transfer, e.getMessage());
            name = key;
        }
        String unique = name.equals(key) ? key : FileNames.prefixed(key + "-", name);
        if (!run.files.target(job, key, sent, unique)) {
            throw new IllegalStateException("target name " + unique + " is held by another file of job " + job);
        }
        return unique;
    }

    private AuditEntry entry(String fileName, UUID transfer, String step, Outcome outcome) {
        return AuditEntry.of(run.job.name(), run.runId, fileName, step, outcome).transfer(transfer);
    }
}
