package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the broker relies on from any {@link BlobStore}: streamed writes with size and MD5, ranged reads, idempotent
 * deletes, and the block operations resumable uploads use. Every store runs it by extending this class; a new store
 * (S3, ...) is written against it. Store-specific checks (where the bytes really went) come in through the hooks.
 */
abstract class BlobStoreContract {
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

    /** After a commit of {@code committed} blocks: only those remain; staged, unlisted blocks are gone. */
    void assertOnlyTheCommittedBlocksRemain(String key, int committed) throws IOException {
    }

    /** After stagings that failed: no block (nor part of one) is kept. */
    void assertNoStagedBlocks(String key) throws IOException {
    }

    /** After {@code discardBlocks}: nothing of the staged blocks is kept. */
    void assertDiscarded(String key) throws IOException {
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

    @Test
    void blocksStagedOutOfOrderCommitInListedOrderAndStayInvisibleUntilThen() throws IOException {
        BlobStore store = store();
        String key = key();
        byte[] bytes = random(5 * MIB + 17);
        int[] cuts = {0, 1, 300_000, 3 * MIB, bytes.length};
        for (int i = cuts.length - 2; i >= 0; i--) {
            store.stageBlock(key, id(i), slice(bytes, cuts[i], cuts[i + 1]), cuts[i + 1] - cuts[i]);
        }
        assertThat(store.exists(key)).isFalse();

        assertThat(store.commitBlockList(key, List.of(id(0), id(1), id(2), id(3)))).isEqualTo(bytes.length);

        assertThat(readAll(key)).isEqualTo(bytes);
        assertOnlyTheCommittedBlocksRemain(key, 4);
    }

    @Test
    void stagingABlockIdAgainReplacesItAndUnlistedBlocksAreDropped() throws IOException {
        BlobStore store = store();
        String key = key();
        store.stageBlock(key, id(0), stream("first try"), 9);
        store.stageBlock(key, id(0), stream("second"), 6);
        store.stageBlock(key, id(1), stream("-tail"), 5);
        store.stageBlock(key, id(7), stream("lost race"), 9);

        store.commitBlockList(key, List.of(id(0), id(1)));

        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("second-tail");
        assertOnlyTheCommittedBlocksRemain(key, 2);
    }

    @Test
    void aStreamEndingEarlyOrBreakingStagesNothing() throws IOException {
        BlobStore store = store();
        String key = key();
        assertThatThrownBy(() -> store.stageBlock(key, id(0), new ByteArrayInputStream(new byte[999]), 1000))
                .isInstanceOf(EOFException.class);
        InputStream reset = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 5000) {
                    throw new IOException("connection reset");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> store.stageBlock(key, id(1), reset, 10_000)).hasMessageContaining("connection reset");

        assertNoStagedBlocks(key);
        assertThatThrownBy(() -> store.commitBlockList(key, List.of(id(0)))).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.commitBlockList(key, List.of(id(1)))).isInstanceOf(FileNotFoundException.class);
        assertThat(store.exists(key)).isFalse();
    }

    @Test
    void onlyLengthBytesAreTakenFromALongerStream() throws IOException {
        BlobStore store = store();
        String key = key();
        ByteArrayInputStream in = new ByteArrayInputStream("abcdef".getBytes(StandardCharsets.UTF_8));
        store.stageBlock(key, id(0), in, 4);
        store.commitBlockList(key, List.of(id(0)));
        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("abcd");
        assertThat(in.available()).as("the rest of the request body is left for the next block").isEqualTo(2);
    }

    @Test
    void committingTheSameListAgainAfterSuccessKeepsTheBlob() throws IOException {
        BlobStore store = store();
        String key = key();
        store.stageBlock(key, id(0), stream("hello"), 5);
        store.stageBlock(key, id(1), stream(" world"), 6);
        store.commitBlockList(key, List.of(id(0), id(1)));

        assertThat(store.commitBlockList(key, List.of(id(0), id(1)))).isEqualTo(11);
        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("hello world");
    }

    @Test
    void anEmptyListCommitsAnEmptyBlob() throws IOException {
        BlobStore store = store();
        String key = key();
        assertThat(store.commitBlockList(key, List.of())).isZero();
        assertThat(store.exists(key)).isTrue();
        assertThat(readAll(key)).isEmpty();
    }

    @Test
    void discardDropsStagedBlocksAndToleratesNone() throws IOException {
        BlobStore store = store();
        String key = key();
        store.stageBlock(key, id(0), stream("x"), 1);
        store.discardBlocks(key);
        store.discardBlocks(key);
        store.discardBlocks(key());

        assertDiscarded(key);
        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.commitBlockList(key, List.of(id(0)))).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void discardLeavesACommittedBlobAlone() throws IOException {
        BlobStore store = store();
        String key = key();
        store.write(key, stream("already sent"), 100);
        store.stageBlock(key, id(0), stream("stray"), 5);
        store.discardBlocks(key);
        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("already sent");
    }

    @Test
    void aBlockUploadAndAStreamedWriteCanMeetOnOneBlob() throws IOException {
        BlobStore store = store();
        String key = key();
        store.stageBlock(key, id(0), stream("abandoned resumable upload"), 26);
        byte[] bytes = random(2 * MIB + 3);
        store.write(key, new ByteArrayInputStream(bytes), 10L << 20);
        assertThat(readAll(key)).isEqualTo(bytes);
    }

    @Test
    void blockIdsMustBeBase64AndKeysMustNotBePaths() throws IOException {
        BlobStore store = store();
        assertThatThrownBy(() -> store.stageBlock(key(), "../../etc", stream("x"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stageBlock("../upload", id(0), stream("x"), 1)).isInstanceOf(IllegalArgumentException.class);
        // '/' and '+' are Base64 characters; they must not become path separators.
        String slashy = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xfe});
        assertThat(slashy).contains("/");
        String key = key();
        store.stageBlock(key, slashy, stream("ok"), 2);
        store.commitBlockList(key, List.of(slashy));
        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("ok");
    }

    /** Fixed-length 16-byte ids, as the resumable uploads make them. */
    static String id(int n) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16).putLong(42).putLong(n).array());
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
