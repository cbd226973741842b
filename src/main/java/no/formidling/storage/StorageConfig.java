package no.formidling.storage;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfig {

    @Bean
    @ConditionalOnProperty(name = "formidling.storage.type", havingValue = "filesystem", matchIfMissing = true)
    BlobStore fileSystemBlobStore(@Value("${formidling.storage.filesystem.root:${formidling.data-dir}/blobs}") Path root) throws IOException {
        return new FileSystemBlobStore(root);
    }
}
