package no.formidling.broker.tus;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** TUS 1.0 over raw HTTP against the running server: the resources, tokens and helpers every TUS test shares. */
@IntegrationTest
abstract class TusTestBase {
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

    UUID initialize(String resource, String checksum) {
        Map<String, Object> extra = checksum == null ? Map.of("disableVirusScan", false) : Map.of("checksum", checksum);
        return api.initializeOk(sender, resource, "0192:" + ORG_A, List.of("0192:" + ORG_B), extra);
    }

    List<String> statusHistory(UUID id) {
        return db.sql("select status from file_transfer_status_history where file_transfer_id = ? order by id").param(id).query(String.class).list();
    }

    List<String> outboxTypes(UUID id) {
        return db.sql("select type from outbox_event where resource_instance = ?").param(id.toString()).query(String.class).list();
    }

    /** The transfer's staged blocks on disk (the filesystem store keeps them in {@code <key>.blocks}). */
    List<Path> blockFolders(UUID id) {
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
