package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the broker relies on from any {@link BlobStore}. Every store runs it by extending this class; a new store (S3,
 * ...) is written against it. It is split by topic: whole blobs in {@link WholeBlobContract}, which it extends, and
 * here the block operations that resumable uploads use. Store-specific checks (where the bytes really went) come in
 * through the hooks.
 */
abstract class BlobStoreContract extends WholeBlobContract {
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
}
