package no.formidling.broker.tus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The MD5 of each resumable upload, kept in this node's memory as its chunks arrive, so the bytes are hashed once, at
 * the JDK's speed, while they stream in. Each running digest has an id that the upload's row names
 * ({@code md5_digest}) as long as that digest has seen every byte of it; a chunk stored by another node, a restart, or
 * a digest evicted here leaves the id unmatched, and the upload's MD5 is then taken over the joined file instead.
 * That way nothing has to be saved per chunk, and a wrong MD5 can never come out of a digest that missed bytes.
 */
@Component
class UploadDigests {
    /** A digest that has seen an upload's first {@code offset} bytes. */
    record Running(UUID id, long offset, MessageDigest md5) {
        /** A copy to go on from, leaving this one as it is (the state before a block that may still fail). */
        Running copy() {
            try {
                return new Running(id, offset, (MessageDigest) md5.clone());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("The JDK's MD5 can be cloned", e);
            }
        }

        Running advancedTo(long newOffset) {
            return new Running(id, newOffset, md5);
        }

        String hex() {
            return HexFormat.of().formatHex(copy().md5().digest());
        }
    }

    private final Cache<UUID, Running> running = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(24)).build();

    /**
     * The digest to hash the next chunk with, taken out of the cache: this node's digest of the upload when the upload
     * still names it and it has seen every byte so far, a new one at offset 0, or null when the bytes so far are not
     * all in a digest here.
     */
    Running take(TusUpload upload) {
        Running held = running.asMap().remove(upload.id());
        if (held != null && held.id().equals(upload.md5Digest()) && held.offset() == upload.offset()) {
            return held;
        }
        return upload.offset() == 0 ? new Running(UUID.randomUUID(), 0, newMd5()) : null;
    }

    /** Keeps the digest for the upload's next chunk (on this node). */
    void keep(UUID uploadId, Running digest) {
        running.put(uploadId, digest);
    }

    /** The MD5 of a whole upload if a digest here saw all of its bytes, else null; the digest is dropped either way. */
    String finish(TusUpload upload) {
        Running held = running.asMap().remove(upload.id());
        return held != null && held.id().equals(upload.md5Digest()) && held.offset() == upload.length() ? held.hex() : null;
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has MD5", e);
        }
    }
}
