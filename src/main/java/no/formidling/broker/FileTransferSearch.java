package no.formidling.broker;

import java.time.Instant;

/** A search over the caller's own transfers under one resource. */
record FileTransferSearch(String resourceId, String party, Role role, FileTransferStatus status,
                          RecipientStatus recipientStatus, Instant from, Instant to, boolean orderAscending) {
    enum Role { SENDER, RECIPIENT, EITHER }
}
