package no.formidling.broker;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.formidling.storage.AzureBlobStore;
import no.formidling.storage.BlobStore;
import no.formidling.testsupport.AzureIntegrationTest;
import no.formidling.testsupport.Azurite;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Broker over HTTP with its files in Azure Blob Storage (Azurite): the whole lifecycle, ranges and purge. */
@AzureIntegrationTest
class AzureBrokerLifecycleIT {
    static final String RESOURCE = "it-azure";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    BlobStore store;

    BrokerApi api;
    ProcessDriver process;
    BlobContainerClient ownersContainer;

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        process = new ProcessDriver(runtime, management);
        api.createResource(RESOURCE, List.of(ORG_A, ORG_B), Map.of("purgeFileTransferGracePeriod", "PT1H"));
        ownersContainer = new BlobServiceClientBuilder().connectionString(Azurite.get().connectionString()).buildClient()
                .getBlobContainerClient("broker-" + OWNER);
    }

    @Test
    void fileGoesThroughEveryStatusWithItsBytesInTheServiceOwnersContainer() throws Exception {
        assertThat(store).isInstanceOf(AzureBlobStore.class);
        String sender = api.token(ORG_A, WRITE_READ);
        String recipient = api.token(ORG_B, "altinn:broker.read");
        byte[] content = new byte[9 * 1024 * 1024 + 17]; // more than one 8 MiB block
        new Random(7).nextBytes(content);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));

        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("checksum", md5));
        assertThat(api.upload(sender, id, content).status()).isEqualTo(200);
        assertThat(api.status(sender, id)).isEqualTo("Published");
        assertThat(api.overview(sender, id).get("checksum").asText()).isEqualTo(md5);
        assertThat(ownersContainer.getBlobClient(id.toString()).getProperties().getBlobSize()).isEqualTo(content.length);

        BrokerApi.Response download = api.download(recipient, id, null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Length")).isEqualTo(String.valueOf(content.length));
        assertThat(download.raw().body()).isEqualTo(content);
        assertThat(api.confirm(recipient, id).status()).isEqualTo(200);
        assertThat(api.status(sender, id)).isEqualTo("AllConfirmedDownloaded");

        process.execute(id, "Event_GracePeriodOver");
        process.runAsyncSteps(id);
        assertThat(api.status(sender, id)).isEqualTo("Purged");
        assertThat(ownersContainer.getBlobClient(id.toString()).exists()).as("purge deletes the blob").isFalse();
        assertThat(api.download(recipient, id, null).code()).isEqualTo("BRO-00007");
    }

    @Test
    void rangesAreServedFromAzureWithoutALocalFile() {
        String sender = api.token(ORG_A, WRITE_READ);
        String recipient = api.token(ORG_B, "altinn:broker.read");
        byte[] content = new byte[9 * 1024 * 1024];
        new Random(3).nextBytes(content);
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        api.upload(sender, id, content);
        assertThat(store.localFile(id.toString())).isEmpty();

        int boundary = 8 * 1024 * 1024;
        BrokerApi.Response part = api.download(recipient, id, "bytes=" + (boundary - 10) + "-" + (boundary + 9));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes " + (boundary - 10) + "-" + (boundary + 9) + "/" + content.length);
        assertThat(part.raw().body()).isEqualTo(Arrays.copyOfRange(content, boundary - 10, boundary + 10));
        assertThat(api.download(recipient, id, "bytes=-5").raw().body()).isEqualTo(Arrays.copyOfRange(content, content.length - 5, content.length));

        BrokerApi.Response unsatisfiable = api.download(recipient, id, "bytes=" + content.length + "-");
        assertThat(unsatisfiable.status()).isEqualTo(416);
        assertThat(unsatisfiable.code()).isEqualTo("BRO-00029");
        assertThat(unsatisfiable.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void purgeSucceedsWhenTheBlobIsAlreadyGone() {
        String sender = api.token(ORG_A, WRITE_READ);
        String recipient = api.token(ORG_B, "altinn:broker.read");
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        api.upload(sender, id, "<a/>".getBytes());
        api.download(recipient, id, null);
        api.confirm(recipient, id);
        assertThat(ownersContainer.getBlobClient(id.toString()).deleteIfExists()).isTrue();

        process.execute(id, "Event_GracePeriodOver");
        process.runAsyncSteps(id);
        assertThat(api.status(sender, id)).isEqualTo("Purged");
        assertThat(process.instance(id)).isNull();
    }

    @Test
    void uploadOverTheResourceLimitFailsTheTransferAndLeavesNoBlob() {
        api.createResource(RESOURCE + "-small", List.of(ORG_A, ORG_B), Map.of("maxFileTransferSize", 1024 * 1024));
        String sender = api.token(ORG_A, WRITE_READ);
        UUID id = api.initializeOk(sender, RESOURCE + "-small", "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        // A chunked body has no Content-Length, so the limit is only found while streaming.
        BrokerApi.Response upload = api.send(api.request("/broker/api/v1/filetransfer/" + id + "/upload", sender)
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[3 * 1024 * 1024]))));
        assertThat(upload.status()).isEqualTo(400);
        assertThat(upload.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.status(sender, id)).isEqualTo("Failed");
        assertThat(ownersContainer.getBlobClient(id.toString()).exists()).isFalse();
    }
}
