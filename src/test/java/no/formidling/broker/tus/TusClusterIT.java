package no.formidling.broker.tus;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.ServerProcess;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two nodes on one database and one blob folder: this test's server and a child JVM. A TUS upload alternates its
 * chunks between them; the child is killed (SIGKILL) in the middle of a chunk; the surviving node reports only the
 * durable offset and goes on; a restarted child resumes from HEAD; the file arrives whole, with the right MD5.
 */
@IntegrationTest
class TusClusterIT {
    static final String RESOURCE = "it-tus-cluster";
    static final int CHUNK = 3 * 1024 * 1024;

    @LocalServerPort
    int port;
    @Value("${spring.datasource.url}")
    String datasourceUrl;
    @Value("${formidling.data-dir}")
    Path dataDir;
    @Value("${formidling.base-url}")
    String baseUrl;

    ServerProcess child;

    @AfterEach
    void stopChild() {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    void chunksAlternateBetweenNodesAndAKilledNodeLosesNothing() throws Exception {
        BrokerApi main = new BrokerApi(port);
        main.createResource(RESOURCE, List.of(ORG_A, ORG_B), Map.of());
        String sender = main.token(ORG_A, WRITE_READ);
        byte[] file = TusProtocolIT.random(6 * CHUNK + 1234, 21);
        UUID id = main.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("checksum", TusProtocolIT.md5(file)));

        child = startNode("first");
        BrokerApi other = new BrokerApi(child.port());
        TusClient[] nodes = {new TusClient(main, sender), new TusClient(other, sender)};

        String url = nodes[1].create(id, file.length).header("Location");
        for (int i = 0; i < 4; i++) {
            BrokerApi.Response r = nodes[i % 2].patch(url, (long) i * CHUNK, chunk(file, i));
            assertThat(r.status()).as("chunk %d on node %d: %s", i, i % 2, r.body()).isEqualTo(204);
            assertThat(nodes[(i + 1) % 2].head(url).header("Upload-Offset")).as("the other node sees chunk %d", i)
                    .isEqualTo(Long.toString((long) (i + 1) * CHUNK));
        }

        // Chunk 4 goes to the child, which dies with half of it read.
        CountDownLatch never = new CountDownLatch(1);
        byte[] fifth = chunk(file, 4);
        InputStream halfThenStall = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= fifth.length / 2) {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                    return -1;
                }
                int n = Math.min(len, fifth.length / 2 - sent);
                System.arraycopy(fifth, sent, b, off, n);
                sent += n;
                return n;
            }
        };
        CompletableFuture<HttpResponse<byte[]>> dying = java.net.http.HttpClient.newHttpClient().sendAsync(
                nodes[1].tus(url).header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", Long.toString(4L * CHUNK))
                        .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> halfThenStall), fifth.length))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
        Path blocks = dataDir.resolve("blobs").resolve(id.toString().substring(0, 2)).resolve(id + ".blocks");
        await().atMost(Duration.ofMinutes(2)).until(() -> partialBytesIn(blocks) > 0);
        child.kill();
        never.countDown();
        assertThat(dying).failsWithin(Duration.ofMinutes(1));

        assertThat(nodes[0].head(url).header("Upload-Offset")).as("only durable bytes count").isEqualTo(Long.toString(4L * CHUNK));
        assertThat(main.status(sender, id)).isEqualTo("UploadStarted");

        child = startNode("restarted");
        TusClient restarted = new TusClient(new BrokerApi(child.port()), sender);
        long offset = Long.parseLong(restarted.head(url).header("Upload-Offset"));
        assertThat(offset).isEqualTo(4L * CHUNK);
        assertThat(restarted.patch(url, offset, chunk(file, 4)).status()).isEqualTo(204);
        assertThat(nodes[0].patch(url, 5L * CHUNK, chunk(file, 5)).status()).isEqualTo(204);
        BrokerApi.Response last = restarted.patch(url, 6L * CHUNK, chunk(file, 6));
        assertThat(last.status()).as(last.body()).isEqualTo(204);

        assertThat(main.status(sender, id)).isEqualTo("Published");
        assertThat(main.overview(sender, id).get("checksum").asText()).isEqualTo(TusProtocolIT.md5(file));
        String recipient = main.token(ORG_B, "altinn:broker.read");
        assertThat(main.download(recipient, id, null).raw().body()).isEqualTo(file);
        assertThat(new BrokerApi(child.port()).download(recipient, id, null).raw().body()).as("from either node").isEqualTo(file);
    }

    private static byte[] chunk(byte[] file, int i) {
        return TusProtocolIT.slice(file, i * CHUNK, Math.min(file.length, (i + 1) * CHUNK));
    }

    /**
     * Bytes the filesystem store has taken into a block it has not finished staging: what its stream files hold
     * beyond the blocks their markers ({@code <block>.<stream>.<offset>.<length>.at}) account for.
     */
    private static long partialBytesIn(Path blocks) throws IOException {
        if (!Files.isDirectory(blocks)) {
            return 0;
        }
        long unmarked = 0;
        try (var files = Files.list(blocks)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".stream")) {
                    unmarked += Files.size(p);
                } else if (name.endsWith(".at")) {
                    unmarked -= Long.parseLong(name.split("\\.")[3]);
                }
            }
        }
        return unmarked;
    }

    /** A second node in its own JVM on this test's database and data folder; this test drives the jobs, so it does not. */
    private ServerProcess startNode(String name) throws java.io.IOException {
        return ServerProcess.start("tus-" + name, java.nio.file.Files.createTempDirectory("tus-node-"), List.of(
                "--spring.datasource.url=" + datasourceUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.maximum-pool-size=4", "--formidling.data-dir=" + dataDir.toAbsolutePath(),
                "--formidling.base-url=" + baseUrl, "--formidling.bridge.scheduler=false", "--camunda.bpm.job-execution.enabled=false"));
    }
}
