package no.formidling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
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

    /*
     * Block uploads (resumable TUS). The shape is Azure's block blob: blocks are staged under the blob's key with
     * caller-chosen ids and stay invisible until a commit lists them in order. Block ids are Base64 strings that
     * all have the same length for one key (Azure requires it); a block id used again replaces that block.
     */

    /**
     * Durably stores exactly {@code length} bytes from {@code in} as block {@code blockId} of the blob {@code key}
     * (on disk and forced before this returns). Stores nothing if the stream ends early or fails.
     *
     * @throws java.io.EOFException when {@code in} holds fewer than {@code length} bytes
     */
    void stageBlock(String key, String blockId, InputStream in, long length) throws IOException;

    /**
     * Makes the blob {@code key} the concatenation of the listed blocks in that order, replacing any earlier blob,
     * and drops the key's staged blocks. All-or-nothing. Committing the same list again after a success (e.g. a
     * retry after a crash) leaves the blob as it is.
     *
     * @return the size of the committed blob
     * @throws java.io.FileNotFoundException when a listed block was never staged
     */
    long commitBlockList(String key, List<String> blockIds) throws IOException;

    /** Drops every staged, uncommitted block of {@code key} (a cancelled upload); succeeds when there are none. */
    void discardBlocks(String key) throws IOException;

    record StoredBlob(long size, String md5Hex) {
    }

    class BlobTooLargeException extends IOException {
        public BlobTooLargeException(long maxBytes) {
            super("More than " + maxBytes + " bytes");
        }
    }
}
