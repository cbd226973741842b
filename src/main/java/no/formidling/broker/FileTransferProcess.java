package no.formidling.broker;

import java.time.Duration;
import java.util.UUID;

/**
 * The port to the process that orchestrates a transfer's lifecycle (timers, scan, purge). Every call joins
 * the caller's transaction, so the process moves exactly when the status change commits.
 */
public interface FileTransferProcess {

    void start(FileTransfer transfer, Duration purgeGracePeriod, boolean purgeAfterAllConfirmed);

    /** The bytes are stored and verified: scan (when required) and publish. */
    void uploadCompleted(UUID fileTransferId);

    /** The upload failed or was rejected: discard what was stored. */
    void uploadFailed(UUID fileTransferId);

    void allRecipientsConfirmed(UUID fileTransferId);

    /** The sender cancelled: purge the file. */
    void cancelled(UUID fileTransferId);
}
