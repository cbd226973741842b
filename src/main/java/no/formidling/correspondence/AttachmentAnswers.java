package no.formidling.correspondence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The JSON the Correspondence API answers with for a shared attachment, field for field as upstream writes it. */
final class AttachmentAnswers {
    private AttachmentAnswers() {
    }

    record AttachmentOverviewExt(String fileName, String displayName, @JsonProperty("isEncrypted") boolean isEncrypted,
                                 String checksum, String sendersReference, String resourceId, String sender, UUID attachmentId,
                                 AttachmentStatus status, String statusText, OffsetDateTime statusChanged,
                                 List<UUID> correspondenceIds, String dataType) {
    }

    /** The overview's fields and the status history. */
    record AttachmentDetailsExt(String fileName, String displayName, @JsonProperty("isEncrypted") boolean isEncrypted,
                                String checksum, String sendersReference, String resourceId, String sender, UUID attachmentId,
                                AttachmentStatus status, String statusText, OffsetDateTime statusChanged,
                                List<UUID> correspondenceIds, String dataType, List<AttachmentStatusEventExt> statusHistory) {
    }

    record AttachmentStatusEventExt(AttachmentStatus status, String statusText, OffsetDateTime statusChanged) {
    }
}
