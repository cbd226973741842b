package no.formidling.broker.tus;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** TUS 1.0 over raw HTTP against the running server: every header rule, every wrong use, and the happy paths. */
@IntegrationTest
class TusProtocolIT {
    static final String RESOURCE = "it-tus";
    static final String SMALL_RESOURCE = "it-tus-small";
    static final String BASE = TusClient.BASE;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Value("${formidling.data-dir}")
    Path dataDir;

    BrokerApi api;
    String sender;
    String recipient;
    TusClient tus;

    @BeforeEach
    void setUp() {
        api = new BrokerApi(port);
        api.createResource(RESOURCE, List.of(ORG_A, ORG_B), Map.of());
        api.createResource(SMALL_RESOURCE, List.of(ORG_A, ORG_B), Map.of("maxFileTransferSize", 1000));
        sender = api.token(ORG_A, WRITE_READ);
        recipient = api.token(ORG_B, "altinn:broker.read");
        tus = new TusClient(api, sender);
    }

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

    @Test
    void partsUploadedOutOfOrderAreJoinedInTheListedOrder() {
        byte[] file = random(2 * 1024 * 1024 + 77, 4);
        UUID id = initialize(RESOURCE, md5(file));
        int cut1 = 700_000;
        int cut2 = 1_500_000;
        String[] parts = new String[3];
        int[][] ranges = {{0, cut1}, {cut1, cut2}, {cut2, file.length}};
        for (int i = 0; i < 3; i++) {
            BrokerApi.Response part = tus.createPart(id, ranges[i][1] - ranges[i][0]);
            assertThat(part.status()).isEqualTo(201);
            parts[i] = part.header("Location");
            assertThat(parts[i]).matches(BASE.replace("/", "\\/") + id + "/partial/[0-9a-f-]{36}");
        }
        for (int i = 2; i >= 0; i--) {
            int half = (ranges[i][0] + ranges[i][1]) / 2;
            assertThat(tus.patch(parts[i], 0, slice(file, ranges[i][0], half)).status()).isEqualTo(204);
            assertThat(tus.patch(parts[i], half - ranges[i][0], slice(file, half, ranges[i][1])).status()).isEqualTo(204);
        }
        assertThat(tus.head(parts[1]).header("Upload-Concat")).isEqualTo("partial");
        String absolute = "http://127.0.0.1:" + port;

        assertProblem(tus.join(id, absolute + parts[0] + " " + absolute + BASE + id + "/partial/" + UUID.randomUUID()), 404, null);
        assertProblem(tus.join(id, "not a url"), 400, null);
        assertProblem(api.send(tus.tus(BASE + id).header("Upload-Concat", "final;" + parts[0]).header("Upload-Length", "5")
                .POST(HttpRequest.BodyPublishers.noBody())), 400, null);
        assertProblem(tus.patch(BASE + id, 0, new byte[1]), 404, null);

        BrokerApi.Response joined = tus.join(id, absolute + parts[0] + " " + absolute + parts[1] + " " + parts[2]);
        assertThat(joined.status()).isEqualTo(201);
        assertThat(joined.header("Location")).isEqualTo(BASE + id);
        BrokerApi.Response head = tus.head(BASE + id);
        assertThat(head.header("Upload-Offset")).isEqualTo(Integer.toString(file.length));
        assertThat(head.header("Upload-Concat")).startsWith("final;");
        assertThat(api.status(sender, id)).isEqualTo("Published");
        assertThat(api.download(recipient, id, null).raw().body()).isEqualTo(file);
        assertThat(api.overview(sender, id).get("checksum").asText()).isEqualTo(md5(file));
        assertProblem(tus.join(id, parts[0] + " " + parts[1] + " " + parts[2]), 409, "BRO-00004");
    }

    @Test
    void aJoinOfUnfinishedPartsIsRefused() {
        UUID id = initialize(RESOURCE, null);
        String a = tus.createPart(id, 10).header("Location");
        String b = tus.createPart(id, 10).header("Location");
        assertThat(tus.patch(a, 0, new byte[10]).status()).isEqualTo(204);
        assertThat(tus.patch(b, 0, new byte[4]).status()).isEqualTo(204);
        assertProblem(tus.join(id, a + " " + b), 400, null);
        assertProblem(tus.join(id, a + " " + a), 400, null);
        assertThat(api.status(sender, id)).isEqualTo("UploadStarted");
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

    private UUID initialize(String resource, String checksum) {
        Map<String, Object> extra = checksum == null ? Map.of("disableVirusScan", false) : Map.of("checksum", checksum);
        return api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B), extra);
    }

    private List<String> statusHistory(UUID id) {
        return db.sql("select status from file_transfer_status_history where file_transfer_id = ? order by id").param(id).query(String.class).list();
    }

    private List<String> outboxTypes(UUID id) {
        return db.sql("select type from outbox_event where resource_instance = ?").param(id.toString()).query(String.class).list();
    }

    /** The transfer's staged blocks on disk (the filesystem store keeps them in {@code <key>.blocks}). */
    private List<Path> blockFolders(UUID id) {
        try (var all = Files.walk(dataDir)) {
            return all.filter(Files::isDirectory).filter(p -> p.getFileName().toString().equals(id + ".blocks")
                    && p.toFile().list().length > 0).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertProblem(BrokerApi.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        if (r.raw().request().method().equals("HEAD")) {
            return; // a HEAD answer has no body
        }
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.header("Tus-Resumable")).isEqualTo("1.0.0");
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
        if (code != null) {
            assertThat(r.code()).isEqualTo(code);
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
