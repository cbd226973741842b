package no.formidling.broker.tus;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import org.junit.jupiter.api.Test;

/** The TUS protocol itself: capabilities, a resumed upload, every header rule and every wrong use. */
class TusProtocolIT extends TusTestBase {
    @Test
    void optionsTellVersionExtensionsAndMaximum() {
        BrokerApi.Response r = api.send(api.request(BASE + UUID.randomUUID(), sender).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Tus-Version")).isEqualTo("1.0.0");
        assertThat(r.header("Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(r.header("Tus-Extension").split(",")).contains("creation", "termination", "concatenation", "expiration");
        assertThat(Long.parseLong(r.header("Tus-Max-Size"))).isPositive();
    }

    @Test
    void chunkedUploadResumesFromHeadAndPublishesWithTheRightBytes() throws Exception {
        byte[] file = random(3 * 1024 * 1024 + 123, 1);
        UUID id = initialize(RESOURCE, md5(file));

        BrokerApi.Response created = tus.create(id, file.length);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Tus-Resumable")).isEqualTo("1.0.0");
        String url = created.header("Location");
        assertThat(url).isEqualTo(BASE + id);
        assertThat(api.status(sender, id)).isEqualTo("UploadStarted");

        BrokerApi.Response head = tus.head(url);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Upload-Offset")).isEqualTo("0");
        assertThat(head.header("Upload-Length")).isEqualTo(Long.toString(file.length));
        assertThat(head.header("Cache-Control")).isEqualTo("no-store");

        BrokerApi.Response first = tus.patch(url, 0, slice(file, 0, 1024 * 1024));
        assertThat(first.status()).isEqualTo(204);
        assertThat(first.header("Upload-Offset")).isEqualTo(Integer.toString(1024 * 1024));

        // A client that lost the answer and sends the first chunk again is told where the upload really is.
        BrokerApi.Response stale = tus.patch(url, 0, slice(file, 0, 1024 * 1024));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        long offset = Long.parseLong(tus.head(url).header("Upload-Offset"));
        assertThat(offset).isEqualTo(1024 * 1024);

        BrokerApi.Response rest = tus.patch(url, offset, slice(file, (int) offset, file.length));
        assertThat(rest.status()).isEqualTo(204);
        assertThat(rest.header("Upload-Offset")).isEqualTo(Integer.toString(file.length));

        assertThat(api.status(sender, id)).isEqualTo("Published");
        assertThat(api.overview(sender, id).get("fileTransferSize").asLong()).isEqualTo(file.length);
        assertThat(api.download(recipient, id, null).raw().body()).isEqualTo(file);
        assertThat(statusHistory(id)).containsExactly("Initialized", "UploadStarted", "UploadProcessing", "Published");
        assertThat(outboxTypes(id)).contains("no.altinn.broker.uploadprocessing", "no.altinn.broker.published");
        assertThat(blockFolders(id)).as("staged blocks are gone once joined").isEmpty();

        // The last chunk sent again after its answer was lost: same answer, nothing changes.
        BrokerApi.Response retry = api.send(tus.tus(url).header("Content-Type", "application/offset+octet-stream")
                .header("Upload-Offset", Integer.toString(file.length)).method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(retry.status()).isEqualTo(204);
        assertThat(retry.header("Upload-Offset")).isEqualTo(Integer.toString(file.length));
        assertProblem(tus.patch(url, 0, new byte[10]), 409, "BRO-00004");
        assertProblem(tus.terminate(url), 409, "BRO-00004");
    }

    @Test
    void aChecksumMismatchFailsTheTransferWithError9() {
        byte[] file = random(5000, 2);
        UUID id = initialize(RESOURCE, "0123456789abcdef0123456789abcdef");
        String url = tus.create(id, file.length).header("Location");
        assertThat(tus.patch(url, 0, slice(file, 0, 2000)).status()).isEqualTo(204);
        assertProblem(tus.patch(url, 2000, slice(file, 2000, file.length)), 400, "BRO-00009");
        assertThat(api.status(sender, id)).isEqualTo("Failed");
    }

    @Test
    void headerRulesAnswerTusStatusesAsProblems() {
        UUID id = initialize(RESOURCE, null);
        String url = BASE + id;
        BrokerApi.Response noVersion = api.send(api.request(url, sender).header("Upload-Length", "10").POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(noVersion, 412, null);
        assertThat(noVersion.header("Tus-Version")).isEqualTo("1.0.0");
        assertProblem(api.send(api.request(url, sender).header("Tus-Resumable", "0.2.2").header("Upload-Length", "10")
                .POST(HttpRequest.BodyPublishers.noBody())), 412, null);
        assertProblem(api.send(tus.tus(url).POST(HttpRequest.BodyPublishers.noBody())), 400, null);
        assertProblem(api.send(tus.tus(url).header("Upload-Length", "ten").POST(HttpRequest.BodyPublishers.noBody())), 400, null);
        assertProblem(api.send(tus.tus(url).header("Upload-Length", "-5").POST(HttpRequest.BodyPublishers.noBody())), 400, null);
        assertProblem(api.send(tus.tus(url).header("Upload-Length", "99999999999999999999").POST(HttpRequest.BodyPublishers.noBody())), 400, null);
        assertProblem(api.send(tus.tus(url).header("Upload-Defer-Length", "1").POST(HttpRequest.BodyPublishers.noBody())), 400, null);
        assertProblem(api.send(tus.tus(url).header("Upload-Length", "10").header("Upload-Concat", "sideways")
                .POST(HttpRequest.BodyPublishers.noBody())), 400, null);
        assertThat(api.status(sender, id)).as("no rejected create touched the transfer").isEqualTo("Initialized");

        assertThat(tus.create(id, 100).status()).isEqualTo(201);
        assertProblem(api.send(tus.tus(url).header("Content-Type", "application/octet-stream").header("Upload-Offset", "0")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10]))), 415, null);
        assertProblem(api.send(tus.tus(url).header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10]))), 400, null);
        assertProblem(tus.patch(url, -1, new byte[10]), 400, null);
        assertProblem(api.send(tus.tus(url).header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", "zero")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[10]))), 400, null);
        assertProblem(tus.patch(url, 0, new byte[101]), 400, null);
        assertProblem(tus.patch(url, 5, new byte[10]), 409, null);
        assertProblem(api.send(api.request(url, sender).method("HEAD", HttpRequest.BodyPublishers.noBody())), 412, null);
        assertThat(tus.head(url).header("Upload-Offset")).as("nothing rejected was stored").isEqualTo("0");
    }

    @Test
    void wrongUsesGetTheBrokerErrorCodes() {
        UUID id = initialize(RESOURCE, null);
        TusClient stranger = new TusClient(api, api.token(ORG_B, WRITE_READ));
        assertProblem(stranger.create(id, 10), 401, "BRO-00006");
        assertProblem(tus.create(UUID.randomUUID(), 10), 404, "BRO-00001");
        assertProblem(tus.head(BASE + id), 404, null);

        String url = tus.create(id, 10).header("Location");
        assertProblem(stranger.head(url), 401, "BRO-00006");
        assertProblem(stranger.patch(url, 0, new byte[10]), 401, "BRO-00006");
        assertProblem(stranger.terminate(url), 401, "BRO-00006");
        assertProblem(tus.head(BASE + id + "/partial/" + UUID.randomUUID()), 404, null);
        assertProblem(tus.patch(BASE + id + "/partial/not-an-id", 0, new byte[1]), 404, null);
        TusClient readOnly = new TusClient(api, api.token(ORG_A, "altinn:broker.read"));
        assertThat(readOnly.head(url).status()).isEqualTo(403);

        UUID big = initialize(SMALL_RESOURCE, null);
        assertProblem(tus.create(big, 1001), 413, "BRO-00016");
        assertThat(tus.create(big, 1000).status()).isEqualTo(201);

        UUID single = initialize(RESOURCE, null);
        assertThat(api.upload(sender, single, new byte[] {1, 2, 3}).status()).isEqualTo(200);
        assertProblem(tus.create(single, 3), 409, "BRO-00004");

        UUID cancelled = initialize(RESOURCE, null);
        String cancelledUrl = tus.create(cancelled, 10).header("Location");
        assertThat(api.delete("/broker/api/v1/filetransfer/" + cancelled, sender).status()).isEqualTo(200);
        assertProblem(tus.patch(cancelledUrl, 0, new byte[10]), 409, "BRO-00004");
    }

    @Test
    void aPatchWithoutContentLengthIsStoredInBlocks() throws Exception {
        byte[] file = random(TusUploads.UNSIZED_BLOCK * 2 + 5, 5);
        UUID id = initialize(RESOURCE, md5(file));
        String url = tus.create(id, file.length).header("Location");
        // An InputStream publisher of unknown length is sent with Transfer-Encoding: chunked, without Content-Length.
        BrokerApi.Response r = api.send(tus.tus(url).header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", "0")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(file))));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.header("Upload-Offset")).isEqualTo(Integer.toString(file.length));
        assertThat(db.sql("select count(*) from tus_block where upload_id = ?").param(id).query(Integer.class).single()).isEqualTo(3);
        assertThat(api.download(recipient, id, null).raw().body()).isEqualTo(file);
    }
}
