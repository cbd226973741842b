package no.formidling.broker.tus;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.ProcessDriver;
import org.junit.jupiter.api.Test;

/** How an unfinished upload ends: it expires, it is terminated and started over, or its transfer is cancelled. */
class TusUploadEndingsIT extends TusTestBase {
    @Test
    void anUploadExpires24HoursAfterItsLastChunkAndIsThenGone() {
        byte[] file = random(4000, 5);
        UUID id = initialize(RESOURCE, md5(file));
        BrokerApi.Response created = tus.create(id, file.length);
        String url = created.header("Location");
        java.time.Instant expires = java.time.Instant.from(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(created.header("Upload-Expires")));
        assertThat(expires).isBetween(java.time.Instant.now().plusSeconds(24 * 3600 - 120), java.time.Instant.now().plusSeconds(24 * 3600 + 60));
        BrokerApi.Response patched = tus.patch(url, 0, slice(file, 0, 1000));
        assertThat(patched.header("Upload-Expires")).isNotNull();
        assertThat(tus.head(url).header("Upload-Expires")).isNotNull();
        assertThat(blockFolders(id)).isNotEmpty();

        db.sql("update tus_upload set updated = now() - interval '24 hours 1 minute' where file_transfer_id = ?").param(id).update();

        assertProblem(tus.head(url), 404, null);
        assertProblem(tus.patch(url, 1000, slice(file, 1000, 1000)), 410, null);
        assertThat(blockFolders(id)).as("the expired upload's bytes are gone").isEmpty();
    }

    @Test
    void terminateDropsTheBytesAndANewUploadCanStartOver() {
        byte[] file = random(4000, 3);
        UUID id = initialize(RESOURCE, md5(file));
        String url = tus.create(id, file.length).header("Location");
        assertThat(tus.patch(url, 0, slice(file, 0, 1500)).status()).isEqualTo(204);
        assertThat(blockFolders(id)).isNotEmpty();

        BrokerApi.Response terminated = tus.terminate(url);
        assertThat(terminated.status()).isEqualTo(204);
        assertThat(terminated.header("Tus-Resumable")).isEqualTo("1.0.0");
        assertProblem(tus.head(url), 410, null);
        assertThat(blockFolders(id)).isEmpty();

        assertThat(tus.create(id, file.length).status()).isEqualTo(201);
        assertThat(tus.head(url).header("Upload-Offset")).isEqualTo("0");
        assertThat(tus.patch(url, 0, file).status()).isEqualTo(204);
        assertThat(api.status(sender, id)).isEqualTo("Published");
        assertThat(api.download(recipient, id, null).raw().body()).isEqualTo(file);
    }

    @Test
    void cancellingAHalfDoneUploadPurgesItsStagedBlocks() {
        UUID id = initialize(RESOURCE, null);
        String url = tus.create(id, 5000).header("Location");
        assertThat(tus.patch(url, 0, new byte[2000]).status()).isEqualTo(204);
        assertThat(blockFolders(id)).isNotEmpty();

        assertThat(api.delete("/broker/api/v1/filetransfer/" + id, sender).status()).isEqualTo(200);
        new ProcessDriver(runtime, management).runAsyncSteps(id);

        assertThat(api.status(sender, id)).isEqualTo("Purged");
        assertThat(blockFolders(id)).isEmpty();
        assertProblem(tus.patch(url, 2000, new byte[10]), 409, "BRO-00004");
    }
}
