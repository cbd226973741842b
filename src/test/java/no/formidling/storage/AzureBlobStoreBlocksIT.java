package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlockListType;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import no.formidling.testsupport.Azurite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The block operations resumable (TUS) uploads use, on Azure (Azurite): the same contract as the filesystem store's. */
class AzureBlobStoreBlocksIT {
    static final String OWNER = "987654321";
    BlobServiceClient service;
    AzureBlobStore store;

    @BeforeEach
    void setUp() {
        service = new BlobServiceClientBuilder().connectionString(Azurite.get().connectionString()).buildClient();
        store = AzureBlobStore.connect(Azurite.get().connectionString(), null, key -> Optional.of(OWNER), new AzureBlobStore.Settings(1 << 20, 2, "broker-", "formidling-it"));
    }

    @Test
    void blocksStagedOutOfOrderCommitInListedOrderAndStayInvisibleUntilThen() throws IOException {
        String key = key();
        byte[] bytes = random(5 * 1024 * 1024 + 17);
        int[] cuts = {0, 1, 300_000, 3 * 1024 * 1024, bytes.length};
        for (int i = cuts.length - 2; i >= 0; i--) {
            store.stageBlock(key, id(i), new ByteArrayInputStream(Arrays.copyOfRange(bytes, cuts[i], cuts[i + 1])), cuts[i + 1] - cuts[i]);
        }
        assertThat(store.exists(key)).isFalse();

        assertThat(store.commitBlockList(key, List.of(id(0), id(1), id(2), id(3)))).isEqualTo(bytes.length);

        assertThat(readAll(key)).isEqualTo(bytes);
        var blob = service.getBlobContainerClient("broker-" + OWNER).getBlobClient(key).getBlockBlobClient();
        assertThat(blob.listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks()).isEmpty();
    }

    @Test
    void stagingABlockIdAgainReplacesItAndUnlistedBlocksAreDropped() throws IOException {
        String key = key();
        store.stageBlock(key, id(0), stream("first try"), 9);
        store.stageBlock(key, id(0), stream("second"), 6);
        store.stageBlock(key, id(1), stream("-tail"), 5);
        store.stageBlock(key, id(7), stream("lost race"), 9);

        store.commitBlockList(key, List.of(id(0), id(1)));

        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("second-tail");
        var blob = service.getBlobContainerClient("broker-" + OWNER).getBlobClient(key).getBlockBlobClient();
        assertThat(blob.listBlocks(BlockListType.ALL).getUncommittedBlocks()).isEmpty();
        assertThat(blob.listBlocks(BlockListType.ALL).getCommittedBlocks()).hasSize(2);
    }

    @Test
    void aStreamEndingEarlyOrBreakingStagesNothing() {
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

        assertThatThrownBy(() -> store.commitBlockList(key, List.of(id(0)))).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> store.commitBlockList(key, List.of(id(1)))).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void onlyLengthBytesAreTakenFromALongerStream() throws IOException {
        String key = key();
        ByteArrayInputStream in = new ByteArrayInputStream("abcdef".getBytes(StandardCharsets.UTF_8));
        store.stageBlock(key, id(0), in, 4);
        store.commitBlockList(key, List.of(id(0)));
        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("abcd");
        assertThat(in.available()).as("the rest of the request body is left for the next block").isEqualTo(2);
    }

    @Test
    void committingTheSameListAgainAfterSuccessKeepsTheBlob() throws IOException {
        String key = key();
        store.stageBlock(key, id(0), stream("hello"), 5);
        store.stageBlock(key, id(1), stream(" world"), 6);
        store.commitBlockList(key, List.of(id(0), id(1)));

        assertThat(store.commitBlockList(key, List.of(id(0), id(1)))).isEqualTo(11);
        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("hello world");
    }

    @Test
    void anEmptyListCommitsAnEmptyBlob() throws IOException {
        String key = key();
        assertThat(store.commitBlockList(key, List.of())).isZero();
        assertThat(store.exists(key)).isTrue();
        assertThat(readAll(key)).isEmpty();
    }

    @Test
    void discardDropsStagedBlocksAndToleratesNone() throws IOException {
        String key = key();
        store.stageBlock(key, id(0), stream("x"), 1);
        store.discardBlocks(key);
        store.discardBlocks(key);
        store.discardBlocks("never-staged-" + UUID.randomUUID());
        AzureBlobStore.connect(Azurite.get().connectionString(), null, k -> Optional.of("123456789"), new AzureBlobStore.Settings(1 << 20, 1, "no-such-", "x-default"))
                .discardBlocks("in-a-container-that-does-not-exist");

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.commitBlockList(key, List.of(id(0)))).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void discardLeavesACommittedBlobAlone() throws IOException {
        String key = key();
        store.write(key, stream("already sent"), 100);
        store.stageBlock(key, id(0), stream("stray"), 5);
        store.discardBlocks(key);
        assertThat(new String(readAll(key), StandardCharsets.UTF_8)).isEqualTo("already sent");
    }

    @Test
    void aBlockUploadAndAStreamedWriteCanMeetOnOneBlob() throws IOException {
        String key = key();
        store.stageBlock(key, id(0), stream("abandoned resumable upload"), 26);
        byte[] bytes = random(2 * 1024 * 1024 + 3);
        store.write(key, new ByteArrayInputStream(bytes), 10L << 20);
        assertThat(readAll(key)).isEqualTo(bytes);
    }

    @Test
    void blockIdsMustBeBase64AndKeysMustNotBePaths() {
        assertThatThrownBy(() -> store.stageBlock(key(), "../../etc", stream("x"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stageBlock("../upload", id(0), stream("x"), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.read("a/b", 0, 1, new java.io.ByteArrayOutputStream())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** Fixed-length 16-byte ids, as the resumable uploads make them. */
    private static String id(int n) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16).putLong(42).putLong(n).array());
    }

    private byte[] readAll(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
