package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole-blob half of {@link BlobStoreContract}: streamed writes with size and MD5, ranged reads, idempotent
 * deletes, refused keys. The test data helpers both halves and the stores' own tests use live here too.
 */
abstract class WholeBlobContract {
    static final int MIB = 1 << 20;

    /** The store under test; a fresh one (or one with fresh keys) for each test. */
    abstract BlobStore store();

    /** A new key for this test; stores that route keys (an owner's container) may shape it. */
    String key() {
        return UUID.randomUUID().toString();
    }

    /** After a successful {@code write}: the store kept the blob where and as it should (its container, its MD5...). */
    void assertStoredAsExpected(String key, byte[] bytes) throws IOException {
    }

    /** After failed writes: the store left nothing of these keys behind, not even partial files or uncommitted blocks. */
    void assertNothingLeftOf(List<String> keys) throws IOException {
    }

    @Test
    void writesWithSizeAndMd5AndReadsBackWholeAndInRanges() throws IOException {
        BlobStore store = store();
        byte[] bytes = random(3 * MIB + 12345);
        String key = key();
        BlobStore.StoredBlob stored = store.write(key, new ByteArrayInputStream(bytes), 100L << 20);

        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.md5Hex()).isEqualTo(md5(bytes));
        assertStoredAsExpected(key, bytes);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        store.read(key, 0, bytes.length, all);
        assertThat(all.toByteArray()).isEqualTo(bytes);
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        store.read(key, 10, 100, part);
        assertThat(part.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 10, 110));
        assertThat(readAll(key)).isEqualTo(bytes);
    }

    @Test
    void smallAndEmptyBlobsRoundTrip() throws IOException {
        BlobStore store = store();
        byte[] small = "<melding/>".getBytes(StandardCharsets.UTF_8);
        String key = key();
        assertThat(store.write(key, new ByteArrayInputStream(small), 1000).md5Hex()).isEqualTo(md5(small));
        assertThat(readAll(key)).isEqualTo(small);

        String empty = key();
        BlobStore.StoredBlob stored = store.write(empty, InputStream.nullInputStream(), 1000);
        assertThat(stored.size()).isZero();
        assertThat(stored.md5Hex()).isEqualTo(md5(new byte[0]));
        assertThat(store.exists(empty)).isTrue();
        assertThat(readAll(empty)).isEmpty();
    }

    @Test
    void readsRangesAcrossBlockBoundaries() throws IOException {
        BlobStore store = store();
        byte[] bytes = random(2 * MIB + 100);
        String key = key();
        store.write(key, new ByteArrayInputStream(bytes), Long.MAX_VALUE);

        ByteArrayOutputStream part = new ByteArrayOutputStream();
        store.read(key, MIB - 10, 20, part);
        assertThat(part.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, MIB - 10, MIB + 10));
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        store.read(key, bytes.length - 5, 5, tail);
        assertThat(tail.toByteArray()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 5, bytes.length));
    }

    @Test
    void deleteRemovesTheBlobAndToleratesMissingOnes() throws IOException {
        BlobStore store = store();
        String key = key();
        store.write(key, new ByteArrayInputStream(random(100)), 1000);
        assertThat(store.exists(key)).isTrue();
        store.delete(key);
        assertThat(store.exists(key)).isFalse();
        store.delete(key);
        store.delete(key());
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.read(key, 0, 1, new ByteArrayOutputStream())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void tooLargeOrBrokenWritesLeaveNothingBehind() throws IOException {
        BlobStore store = store();
        String small = key();
        assertThatThrownBy(() -> store.write(small, new ByteArrayInputStream(new byte[2000]), 1000))
                .isInstanceOf(BlobStore.BlobTooLargeException.class);
        String big = key();
        assertThatThrownBy(() -> store.write(big, new ByteArrayInputStream(new byte[3 * MIB]), MIB))
                .isInstanceOf(BlobStore.BlobTooLargeException.class);
        String bigger = key();
        assertThatThrownBy(() -> store.write(bigger, new ByteArrayInputStream(new byte[3 * MIB]), 2 * MIB))
                .isInstanceOf(BlobStore.BlobTooLargeException.class);
        String brokenEarly = key();
        assertThatThrownBy(() -> store.write(brokenEarly, breaksAfter(5000), Long.MAX_VALUE)).hasMessageContaining("connection reset");
        String brokenLate = key();
        assertThatThrownBy(() -> store.write(brokenLate, breaksAfter(2L * MIB + 5000), Long.MAX_VALUE)).hasMessageContaining("connection reset");

        List<String> keys = List.of(small, big, bigger, brokenEarly, brokenLate);
        for (String key : keys) {
            assertThat(store.exists(key)).as(key).isFalse();
        }
        assertNothingLeftOf(keys);
    }

    @Test
    void keysThatLookLikePathsAreRefused() {
        BlobStore store = store();
        assertThatThrownBy(() -> store.exists("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read("a/b", 0, 1, new ByteArrayOutputStream())).isInstanceOf(IllegalArgumentException.class);
    }

    byte[] readAll(String key) throws IOException {
        try (InputStream in = store().open(key)) {
            return in.readAllBytes();
        }
    }

    static InputStream breaksAfter(long bytes) {
        return new InputStream() {
            long n;

            @Override
            public int read() throws IOException {
                if (n++ > bytes) {
                    throw new IOException("connection reset");
                }
                return 1;
            }
        };
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static InputStream slice(byte[] bytes, int from, int to) {
        return new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, to));
    }

    static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
