package no.formidling.broker.tus;

import static org.assertj.core.api.Assertions.assertThat;

import no.formidling.storage.AzureBlobStore;
import no.formidling.storage.BlobStore;
import no.formidling.testsupport.AzureIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The same tus-js-client uploads, chunked and in parallel parts, with the files in Azure Blob Storage (Azurite):
 * each chunk a staged block, the join one block-list commit, the bytes and MD5 checked by the recipient's download.
 */
@AzureIntegrationTest
class AzureTusJsClientIT extends TusJsClientIT {
    @Autowired
    BlobStore store;

    @BeforeEach
    void onAzure() {
        assertThat(store).isInstanceOf(AzureBlobStore.class);
    }
}
