package no.formidling.broker.tus;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An upload's MD5 comes from a running digest only when that digest saw every byte; otherwise there is none. */
class UploadDigestsTest {
    private final UploadDigests digests = new UploadDigests();
    private final UUID id = UUID.randomUUID();
    private final byte[] file = new byte[3 * 1024 * 1024 + 333];

    UploadDigestsTest() {
        new Random(7).nextBytes(file);
    }

    private TusUpload upload(long offset, UUID digest) {
        return new TusUpload(id, id, TusUpload.Kind.WHOLE, file.length, offset, digest, null, TusUpload.State.OPEN, Instant.now());
    }

    /** One request: takes the digest, hashes its bytes, keeps it at the new offset (as TusUploads does); returns the digest id stored. */
    private UUID chunk(UUID stored, int from, int to) {
        UploadDigests.Running digest = digests.take(upload(from, stored));
        if (digest == null) {
            return null;
        }
        digest.md5().update(file, from, to - from);
        digests.keep(id, digest.advancedTo(to));
        return digest.id();
    }

    @Test
    void chunksOnOneNodeGiveTheMd5OfTheWholeFile() throws Exception {
        UUID stored = null;
        int[] ends = {10, 70_000, 2 * 1024 * 1024 + 1, file.length};
        int at = 0;
        for (int end : ends) {
            stored = chunk(stored, at, end);
            at = end;
        }
        assertThat(digests.finish(upload(file.length, stored)))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(file)));
    }

    @Test
    void aChunkStoredElsewhereLeavesNoDigest() {
        UUID stored = chunk(null, 0, 1000);
        // Another node stored bytes 1000..2000 without this node's digest: the row names no digest, or another one.
        assertThat(digests.take(upload(2000, null))).isNull();
        chunk(stored, 0, 1000);
        assertThat(digests.take(upload(1000, UUID.randomUUID()))).isNull();
    }

    @Test
    void aDigestBehindTheUploadIsNotUsed() {
        UUID stored = chunk(null, 0, 1000);
        assertThat(digests.take(upload(1500, stored))).as("the upload moved on without it").isNull();
    }

    @Test
    void theFirstChunkStartsANewDigestWhateverCameBefore() {
        chunk(null, 0, 1000);
        UploadDigests.Running fresh = digests.take(upload(0, null));
        assertThat(fresh).isNotNull();
        assertThat(fresh.offset()).isZero();
        assertThat(fresh.md5().digest()).isEqualTo(UploadDigests.newMd5().digest());
    }

    @Test
    void finishingWithoutEveryByteGivesNoMd5() {
        UUID stored = chunk(null, 0, 1000);
        assertThat(digests.finish(upload(file.length, stored))).isNull();
        assertThat(digests.finish(upload(file.length, stored))).as("dropped after finishing").isNull();
    }

    @Test
    void aCopyStaysAsItWasWhileTheOriginalGoesOn() throws Exception {
        UploadDigests.Running digest = digests.take(upload(0, null));
        digest.md5().update(file, 0, 100);
        UploadDigests.Running before = digest.copy();
        digest.md5().update(file, 100, 100);
        assertThat(before.hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Arrays.copyOf(file, 100))));
    }
}
