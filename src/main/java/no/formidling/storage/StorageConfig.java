package no.formidling.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class StorageConfig {

    @Bean
    @ConditionalOnProperty(name = "formidling.storage.type", havingValue = "filesystem", matchIfMissing = true)
    BlobStore fileSystemBlobStore(@Value("${formidling.storage.filesystem.root:${formidling.data-dir}/blobs}") Path root) throws IOException {
        return new FileSystemBlobStore(root);
    }

    /**
     * Azure Blob Storage: a connection string (Azurite, development, account keys) or the account's endpoint
     * with {@code DefaultAzureCredential} (managed identity, workload identity, environment, Azure CLI).
     * Blocks of 8 MiB, not the SDK's 4 MiB: above 4 MiB Azure takes its high-throughput block blob path, 50,000
     * blocks then hold 390 GiB (over the 100 GiB limit), and an upload still holds only 3 × 8 MiB of blocks (besides the
     * copy pipeline's 4 × 1 MiB that every store's writes go through).
     */
    @Bean
    @ConditionalOnProperty(name = "formidling.storage.type", havingValue = "azure")
    BlobStore azureBlobStore(@Value("${formidling.storage.azure.connection-string:}") String connectionString,
                             @Value("${formidling.storage.azure.endpoint:}") String endpoint,
                             @Value("${formidling.storage.azure.block-size:8MB}") DataSize blockSize,
                             @Value("${formidling.storage.azure.parallel-blocks:2}") int parallelBlocks,
                             @Value("${formidling.storage.azure.container-prefix:broker-}") String containerPrefix,
                             @Value("${formidling.storage.azure.default-container:formidling}") String defaultContainer,
                             ObjectProvider<BlobOwners> owners) {
        return AzureBlobStore.connect(connectionString, endpoint, owners.getIfAvailable(() -> BlobOwners.NONE),
                new AzureBlobStore.Settings((int) blockSize.toBytes(), parallelBlocks, containerPrefix, defaultContainer));
    }
}
