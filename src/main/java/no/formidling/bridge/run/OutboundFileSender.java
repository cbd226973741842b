package no.formidling.bridge.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import no.formidling.audit.AuditEntry;
import no.formidling.audit.AuditEntry.Outcome;
import no.formidling.bridge.client.BrokerCallException;
import no.formidling.bridge.client.BrokerClient;
import no.formidling.bridge.config.JobDefinition;
import no.formidling.bridge.endpoint.FileEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one source file: claim → initialize (idempotency key) → stream upload → await Published → archive or
 * delete. A bad file, or a failure after retries, cancels the transfer (compensation) and moves the file to the
 * error folder with a {@code .error.json} saying why. Safe to repeat after a crash: the claim remembers the transfer.
 */
class OutboundFileSender {
    private static final Logger log = LoggerFactory.getLogger(OutboundFileSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UPLOADED = Set.of("UploadProcessing", "Published", "AllConfirmedDownloaded", "Purged");

    private final RunContext run;
    private final TransferMetadata metadata;

    OutboundFileSender(RunContext run) {
        this.run = run;
        this.metadata = new TransferMetadata(run);
    }

    /**
     * First half: claim, initialize and upload. Returns the second half (await Published, archive), so a chunk can
     * upload all its files before waiting for any of them to be published.
     */
    Supplier<FileOutcome> upload(FileEntry file) {
        String job = run.job.name();
        PickedFiles.Picked picked = run.files.claim(job, file.key(), file.name(), file.size(), run.runId);
        if (picked.state() == PickedFiles.State.FAILED) {
            return () -> FileOutcome.SKIPPED;
        }
        if (picked.state() == PickedFiles.State.DONE) {
            // Delivered earlier, but the source was not moved away before the crash.
            finishSource(file, picked.transferId());
            return () -> FileOutcome.SKIPPED;
        }
        UUID transfer = picked.transferId();
        long started = System.nanoTime();
        try {
            if (file.size() > run.job.maxFileSize()) {
                throw new BadFileException("file is " + file.size() + " bytes, more than limits.maxFileSize (" + run.job.maxFileSize() + ")");
            }
            BrokerClient.Initialize meta = metadata.of(file);
            int attempt = picked.attempt();
            boolean fresh = transfer == null;
            if (fresh) {
                transfer = initialize(file, meta, attempt);
            }
            Uploaded uploaded = null;
            for (int tries = 0; uploaded == null; tries++) {
                UUID id = transfer;
                // A transfer initialized just now is Initialized; one from an earlier run may be further along.
                String status = fresh && tries == 0 ? "Initialized" : run.calls.execute(c -> run.broker.overview(id).status());
                if (UPLOADED.contains(status)) {
                    uploaded = new Uploaded(file.size(), null);
                } else if ("Initialized".equals(status)) {
                    try {
                        uploaded = upload(file, transfer);
                    } catch (UploadBrokenOff e) {
                        status = e.getMessage();
                    }
                }
                if (uploaded != null || UPLOADED.contains(status) || "Initialized".equals(status)) {
                    continue;
                }
                if (tries < 3 && ("UploadStarted".equals(status) || "Failed".equals(status) || "Cancelled".equals(status))) {
                    // An earlier upload broke off (e.g. the node died): this transfer cannot take another upload.
                    cancelQuietly(file, transfer, "upload of an earlier attempt was interrupted (status " + status + ")");
                    attempt++;
                    transfer = initialize(file, meta, attempt);
                } else {
                    throw new BadFileException("transfer " + transfer + " is " + status + " and cannot take the upload");
                }
            }
            run.files.state(job, file.key(), PickedFiles.State.UPLOADED, null,
                    entry(file, "upload", Outcome.SUCCEEDED).size(uploaded.size).sha256(uploaded.sha256).transfer(transfer).took(Elapsed.millisSince(started)));
            UUID uploadedAs = transfer;
            return () -> publish(file, uploadedAs, started);
        } catch (BadFileException | BrokerCallException | UncheckedIOException | IllegalStateException e) {
            fail(file, transfer, why(e), started);
            return () -> FileOutcome.FAILED;
        }
    }

    private FileOutcome publish(FileEntry file, UUID transfer, long started) {
        try {
            run.files.state(run.job.name(), file.key(), PickedFiles.State.DONE, null, awaitPublished(file, transfer));
            finishSource(file, transfer);
            return FileOutcome.WRITTEN;
        } catch (BadFileException | BrokerCallException | UncheckedIOException | IllegalStateException e) {
            fail(file, transfer, why(e), started);
            return FileOutcome.FAILED;
        }
    }

    private static String why(RuntimeException e) {
        return Failures.sentence(e);
    }

    private record Uploaded(long size, String sha256) {
    }

    private UUID initialize(FileEntry file, BrokerClient.Initialize meta, int attempt) {
        String key = "bridge:" + run.job.name() + ":" + Digests.sha256Hex(file.key()) + ":" + attempt;
        UUID id = run.calls.execute(c -> run.broker.initialize(meta, key));
        run.files.transfer(run.job.name(), file.key(), id, attempt);
        return id;
    }

    private Uploaded upload(FileEntry file, UUID transfer) {
        MessageDigest sha = Digests.of("SHA-256");
        AtomicLong count = new AtomicLong();
        boolean finishedEarlier = run.calls.execute(c -> {
            if (c.getRetryCount() > 0) {
                // The failed try may have reached the Broker: a transfer takes only one upload attempt.
                String status = run.broker.overview(transfer).status();
                if (UPLOADED.contains(status)) {
                    return true;
                }
                if (!"Initialized".equals(status)) {
                    throw new UploadBrokenOff(status);
                }
            }
            sha.reset();
            count.set(0);
            run.broker.upload(transfer, file.size(), () -> {
                try {
                    return new CountingDigestStream(run.store.openRead(file.name()), sha, count);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return false;
        });
        return finishedEarlier ? new Uploaded(file.size(), null) : new Uploaded(count.get(), Digests.hex(sha));
    }

    /** The transfer's upload broke off on the Broker's side; the message is the transfer's status. */
    private static final class UploadBrokenOff extends RuntimeException {
        UploadBrokenOff(String status) {
            super(status);
        }
    }

    /** Returns the audit entry that records the wait, to be committed with the file's new state. */
    private AuditEntry awaitPublished(FileEntry file, UUID transfer) {
        long started = System.nanoTime();
        String status;
        try {
            status = run.awaitPublished.execute(c -> {
                String s = run.broker.overview(transfer).status();
                if ("UploadStarted".equals(s) || "UploadProcessing".equals(s) || "Initialized".equals(s)) {
                    throw new Retries.NotYetPublished(s);
                }
                return s;
            });
        } catch (Retries.NotYetPublished e) {
            throw new BadFileException("not Published within broker.awaitPublished (" + run.job.awaitPublished() + "): " + e.getMessage());
        }
        if (!"Published".equals(status) && !"AllConfirmedDownloaded".equals(status) && !"Purged".equals(status)) {
            throw new BadFileException("the Broker did not publish the file: transfer is " + status);
        }
        return entry(file, "publish", Outcome.SUCCEEDED).transfer(transfer).took(Elapsed.millisSince(started));
    }

    private void finishSource(FileEntry file, UUID transfer) {
        long started = System.nanoTime();
        try {
            if (run.job.deleteAfterSuccess()) {
                run.store.delete(file.name());
            } else {
                run.store.moveTo(file.name(), run.job.archiveDirectory());
            }
            removeCompanions(file, !run.job.deleteAfterSuccess());
            run.audit.append(entry(file, run.job.deleteAfterSuccess() ? "delete" : "archive", Outcome.SUCCEEDED).transfer(transfer)
                    .took(Elapsed.millisSince(started)));
        } catch (IOException e) {
            // Delivered; the next run sees the claim as done and tries again to move the file away.
            run.audit.append(entry(file, "archive", Outcome.FAILED).transfer(transfer).error(e.getMessage()));
            log.warn("Bridge job {}: {} was delivered as {} but could not be moved away: {}", run.job.name(), file.name(), transfer, e.getMessage());
        }
    }

    private void removeCompanions(FileEntry file, boolean archive) throws IOException {
        List<String> companions = new ArrayList<>();
        if (run.job.completionRule() == JobDefinition.CompletionRule.marker) {
            companions.add(file.name() + run.job.markerSuffix());
        }
        if (run.job.sidecarSuffix() != null) {
            companions.add(file.name() + run.job.sidecarSuffix());
        }
        for (String c : companions) {
            if (run.store.exists(c)) {
                if (archive) {
                    run.store.moveTo(c, run.job.archiveDirectory());
                } else {
                    run.store.delete(c);
                }
            }
        }
    }

    private void fail(FileEntry file, UUID transfer, String why, long started) {
        String job = run.job.name();
        log.warn("Bridge job {}: {} failed: {}", job, file.name(), why);
        if (transfer != null) {
            cancelQuietly(file, transfer, why);
        }
        try {
            String movedAs = run.store.moveTo(file.name(), run.job.errorDirectory());
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("job", job);
            report.put("run", run.runId);
            report.put("file", file.name());
            report.put("size", file.size());
            report.put("transferId", transfer == null ? null : transfer.toString());
            report.put("transferCancelled", transfer != null);
            report.put("error", why);
            report.put("time", OffsetDateTime.now().toString());
            run.store.writeText(run.job.errorDirectory(), movedAs + ".error.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } catch (IOException e) {
            log.error("Bridge job {}: could not move {} to the error folder: {}", job, file.name(), e.getMessage());
        }
        run.files.state(job, file.key(), PickedFiles.State.FAILED, why,
                entry(file, "send", Outcome.FAILED).size(file.size()).transfer(transfer).error(why).took(Elapsed.millisSince(started)));
    }

    private void cancelQuietly(FileEntry file, UUID transfer, String why) {
        try {
            run.calls.execute(c -> {
                run.broker.cancel(transfer);
                return null;
            });
            run.audit.append(entry(file, "cancel", Outcome.COMPENSATED).transfer(transfer).error(why));
        } catch (RuntimeException e) {
            run.audit.append(entry(file, "cancel", Outcome.FAILED).transfer(transfer).error("cancel failed: " + e.getMessage()));
        }
    }

    private AuditEntry entry(FileEntry file, String step, Outcome outcome) {
        return AuditEntry.of(run.job.name(), run.runId, file.name(), step, outcome).size(file.size());
    }
}
