package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlockListType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import no.formidling.testsupport.Azurite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Azure store against Azurite: what the broker relies on from any {@link BlobStore}. */
class AzureBlobStoreIT {
    static final int MIB = 1 << 20;
    BlobServiceClient service;
    AzureBlobStore store;
    String owner;

    @BeforeEach
    void setUp() {
        service = new BlobServiceClientBuilder().connectionString(Azurite.get().connectionString()).buildClient();
        owner = "9" + (100_000_00 + new Random().nextInt(89_999_999));
        // Keys of this test belong to one owner, as the broker's keys belong to a resource's service owner.
        store = AzureBlobStore.connect(Azurite.get().connectionString(), null, key -> key.startsWith("owned-") ? Optional.of(owner) : Optional.empty(),
                new AzureBlobStore.Settings(MIB, 2, "broker-", "formidling-it"));
    }

    @Test
    void multiBlockRoundTripKeepsBytesAndMd5InTheOwnersContainer() throws IOException {
        byte[] bytes = random(3 * MIB + 12345);
        String key = "owned-" + UUID.randomUUID();
        BlobStore.StoredBlob stored = store.write(key, new ByteArrayInputStream(bytes), 100L << 20);

        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.md5Hex()).isEqualTo(md5(bytes));
        var blob = service.getBlobContainerClient("broker-" + owner).getBlobClient(key).getBlockBlobClient();
        assertThat(blob.exists()).as("a container per service owner").isTrue();
        assertThat(blob.listBlocks(BlockListType.COMMITTED).getCommittedBlocks()).as("staged in 1 MiB blocks").hasSize(4);
        assertThat(HexFormat.of().formatHex(blob.getProperties().getContentMd5())).as("our MD5 recorded on the blob").isEqualTo(md5(bytes));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        store.read(key, 0, bytes.length, all);
        assertThat(all.toByteArray()).isEqualTo(bytes);
        try (InputStream in = store.open(key)) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void smallAndEmptyBlobsRoundTrip() throws IOException {
        byte[] small = "<melding/>".getBytes();
        String key = "owned-" + UUID.randomUUID();
        assertThat(store.write(key, new ByteArrayInputStream(small), 1000).md5Hex()).isEqualTo(md5(small));
        assertThat(store.open(key).readAllBytes()).isEqualTo(small);

        String empty = "owned-" + UUID.randomUUID();
        BlobStore.StoredBlob stored = store.write(empty, InputStream.nullInputStream(), 1000);
        assertThat(stored.size()).isZero();
        assertThat(stored.md5Hex()).isEqualTo(md5(new byte[0]));
        assertThat(store.exists(empty)).isTrue();
    }

    @Test
    void readsRangesAcrossBlockBoundaries() throws IOException {
        byte[] bytes = random(2 * MIB + 100);
        String key = "owned-" + UUID.randomUUID();
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
        String key = "owned-" + UUID.randomUUID();
        store.write(key, new ByteArrayInputStream(random(100)), 1000);
        assertThat(store.exists(key)).isTrue();
        store.delete(key);
        assertThat(store.exists(key)).isFalse();
        store.delete(key);
        AzureBlobStore noContainer = AzureBlobStore.connect(Azurite.get().connectionString(), null, k -> Optional.of("000000000"),
                new AzureBlobStore.Settings(MIB, 1, "never-created-" + UUID.randomUUID().toString().substring(0, 8) + "-", "formidling-it"));
        noContainer.delete(key);
        assertThat(noContainer.exists(key)).isFalse();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.read(key, 0, 1, new ByteArrayOutputStream())).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void tooLargeOrBrokenUploadsLeaveNothingCommitted() {
        String small = "owned-" + UUID.randomUUID();
        assertThatThrownBy(() -> store.write(small, new ByteArrayInputStream(new byte[2000]), 1000))
                .isInstanceOf(BlobStore.BlobTooLargeException.class);
        String big = "owned-" + UUID.randomUUID();
        assertThatThrownBy(() -> store.write(big, new ByteArrayInputStream(new byte[3 * MIB]), 2 * MIB))
                .isInstanceOf(BlobStore.BlobTooLargeException.class);
        String broken = "owned-" + UUID.randomUUID();
        InputStream breaksAfterTwoBlocks = new InputStream() {
            long n;

            @Override
            public int read() throws IOException {
                if (n++ > 2L * MIB + 5000) {
                    throw new IOException("connection reset");
                }
                return 1;
            }
        };
        assertThatThrownBy(() -> store.write(broken, breaksAfterTwoBlocks, Long.MAX_VALUE)).hasMessageContaining("connection reset");

        for (String key : new String[] {small, big, broken}) {
            assertThat(service.getBlobContainerClient("broker-" + owner).getBlobClient(key).exists()).as(key).isFalse();
        }
    }

    @Test
    void keysWithoutAnOwnerGoToTheDefaultContainer() throws IOException {
        String key = "unowned-" + UUID.randomUUID();
        store.write(key, new ByteArrayInputStream(random(10)), 100);
        assertThat(service.getBlobContainerClient("formidling-it").getBlobClient(key).exists()).isTrue();
    }

    @Test
    void blockSizeGrowsOnlyWhenTheLimitWouldNotFitAzuresBlockCount() {
        assertThat(store.blockSizeFor(1L << 30)).isEqualTo(MIB);
        assertThat(store.blockSizeFor(100L * (1L << 30))).as("100 GiB needs > 2 MiB blocks").isEqualTo(3 * MIB);
        assertThat(store.blockSizeFor(2L << 40)).as("2 TiB").isEqualTo(42 * MIB);
        assertThat(store.blockSizeFor(Long.MAX_VALUE)).as("no real limit: no 64 MiB buffers").isEqualTo(MIB);
        assertThat(AzureBlobStore.containerName("broker-Digdir_AS")).isEqualTo("broker-digdir-as");
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
