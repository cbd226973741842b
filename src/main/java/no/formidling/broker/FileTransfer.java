package no.formidling.broker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A transfer as stored: the source of truth for what the API shows. Parties are {@code 0192:<orgNo>}; the
 * sender is also kept as it was sent, since upstream shows it that way.
 */
public record FileTransfer(UUID id, String resourceId, String fileName, String sendersReference, String sender, String senderAsSent,
                           String checksum, boolean useVirusScan, Long size, Map<String, String> propertyList,
                           FileTransferStatus status, String statusDescription, Instant statusChanged, Instant created,
                           Instant expirationTime, Instant published, List<Recipient> recipients) {

    public record Recipient(String party, RecipientStatus status, Instant statusChanged) {
    }

    public boolean isSender(String party) {
        return sender.equals(party);
    }

    public boolean isRecipient(String party) {
        return recipients.stream().anyMatch(r -> r.party().equals(party));
    }

    public Recipient recipient(String party) {
        return recipients.stream().filter(r -> r.party().equals(party)).findFirst().orElse(null);
    }

    public String statusText() {
        return statusDescription != null && !statusDescription.isBlank() ? statusDescription : status.text();
    }

    public String blobKey() {
        return blobKey(id);
    }

    /** Where a transfer's bytes are kept in the blob store. */
    public static String blobKey(UUID id) {
        return id.toString();
    }
}
