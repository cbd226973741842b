package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import no.formidling.testsupport.Azurite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Azure store against Azurite: the {@link BlobStoreContract}, and where the blobs and blocks go in Azure. */
class AzureBlobStoreIT extends BlobStoreContract {
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

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    String key() {
        return "owned-" + UUID.randomUUID();
    }

    private BlockBlobClient blob(String key) {
        return service.getBlobContainerClient("broker-" + owner).getBlobClient(key).getBlockBlobClient();
    }

    @Override
    void assertStoredAsExpected(String key, byte[] bytes) {
        var blob = blob(key);
        assertThat(blob.exists()).as("a container per service owner").isTrue();
        assertThat(blob.listBlocks(BlockListType.COMMITTED).getCommittedBlocks()).as("staged in 1 MiB blocks")
                .hasSize((bytes.length + MIB - 1) / MIB);
        assertThat(HexFormat.of().formatHex(blob.getProperties().getContentMd5())).as("our MD5 recorded on the blob").isEqualTo(md5(bytes));
    }

    @Override
    void assertNothingLeftOf(List<String> keys) {
        for (String key : keys) {
            assertThat(blob(key).exists()).as(key).isFalse();
        }
    }

    @Override
    void assertOnlyTheCommittedBlocksRemain(String key, int committed) {
        BlockList blocks = blob(key).listBlocks(BlockListType.ALL);
        assertThat(blocks.getUncommittedBlocks()).isEmpty();
        assertThat(blocks.getCommittedBlocks()).hasSize(committed);
    }

    @Test
    void deleteAndExistsTolerateAMissingContainer() throws IOException {
        String key = key();
        AzureBlobStore noContainer = AzureBlobStore.connect(Azurite.get().connectionString(), null, k -> Optional.of("000000000"),
                new AzureBlobStore.Settings(MIB, 1, "never-created-" + UUID.randomUUID().toString().substring(0, 8) + "-", "formidling-it"));
        noContainer.delete(key);
        assertThat(noContainer.exists(key)).isFalse();
    }

    @Test
    void discardToleratesAMissingContainer() throws IOException {
        AzureBlobStore.connect(Azurite.get().connectionString(), null, k -> Optional.of("123456789"), new AzureBlobStore.Settings(MIB, 1, "no-such-", "x-default"))
                .discardBlocks("in-a-container-that-does-not-exist");
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
}
