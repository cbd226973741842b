package no.formidling.correspondence;

import java.time.Instant;
import java.util.UUID;

/** A stored attachment file's metadata; the bytes live in the blob store under {@link #blobKey()}. */
record Attachment(UUID id, String resourceId, String sender, String sendersReference, String fileName, String displayName,
                  boolean isEncrypted, String checksum, Instant expirationTime, Long size, AttachmentStatus status,
                  String statusText, Instant statusChanged, Instant created) {

    String blobKey() {
        return id.toString(); // a fresh UUID, like the Broker's keys, so the two never collide
    }
}
