package no.formidling.correspondence;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A shared attachment's metadata, as upstream's InitializeAttachmentExt. */
record InitializeAttachmentExt(@NotBlank @Size(max = 255) String resourceId, String sender, String fileName,
                               @Size(max = 255) String displayName, @JsonProperty("isEncrypted") boolean isEncrypted,
                               String checksum, @NotBlank @Size(max = 4096) String sendersReference, Integer expirationInDays) {
}
