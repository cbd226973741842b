package no.formidling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Stores file bytes by key. Writes stream and are all-or-nothing; deletes are idempotent. */
public interface BlobStore {

    /**
     * Streams {@code in} into the blob {@code key}, computing size and MD5 as the bytes pass.
     * Nothing is left behind if it fails or exceeds {@code maxBytes}.
     *
     * @throws BlobTooLargeException when more than {@code maxBytes} arrive
     */
    StoredBlob write(String key, InputStream in, long maxBytes) throws IOException;

    /** Copies {@code length} bytes from {@code offset} of the blob to {@code out}. */
    void read(String key, long offset, long length, OutputStream out) throws IOException;

    /** Opens the whole blob for reading. */
    InputStream open(String key) throws IOException;

    /** Deletes the blob; succeeds when it is already gone. */
    void delete(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** A local file holding the blob, when the store has one (lets the web server send it zero-copy). */
    default Optional<Path> localFile(String key) {
        return Optional.empty();
    }

    record StoredBlob(long size, String md5Hex) {
    }

    class BlobTooLargeException extends IOException {
        public BlobTooLargeException(long maxBytes) {
            super("More than " + maxBytes + " bytes");
        }
    }
}
