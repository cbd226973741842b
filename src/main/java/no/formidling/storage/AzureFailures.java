package no.formidling.storage;

import com.azure.storage.blob.models.BlobStorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Azure's failures as the {@link BlobStore} port reports them: a missing blob or container as NoSuchFileException. */
final class AzureFailures {
    private AzureFailures() {
    }

    static IOException of(String doing, String key, RuntimeException e) {
        if (e instanceof BlobStorageException s && s.getStatusCode() == 404) {
            NoSuchFileException missing = new NoSuchFileException(key, null, s.getErrorCode() == null ? "not found" : s.getErrorCode().toString());
            missing.initCause(e);
            return missing;
        }
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        return new IOException(doing + " blob " + key + " in Azure failed: " + e.getMessage(), e);
    }
}
