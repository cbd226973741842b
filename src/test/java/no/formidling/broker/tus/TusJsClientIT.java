package no.formidling.broker.tus;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** tus-js-client, what browsers and Node senders use, uploads to the running server: chunked, and as parallel parts. */
@IntegrationTest
class TusJsClientIT {
    static final String RESOURCE = "it-tus-js";
    static final Path SCRIPT = Path.of("src", "test", "resources", "tus", "tus-upload.cjs");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;
    @TempDir
    Path tmp;

    BrokerApi api;
    String sender;
    String recipient;

    @BeforeEach
    void setUp() {
        NodeTools.requireTusJsClient();
        api = new BrokerApi(port);
        api.createResource(RESOURCE, List.of(ORG_A, ORG_B), Map.of());
        sender = api.token(ORG_A, WRITE_READ);
        recipient = api.token(ORG_B, "altinn:broker.read");
    }

    @Test
    void chunkedUploadPublishesTheFile() throws Exception {
        byte[] file = TusProtocolIT.random(5 * 1024 * 1024 + 321, 11);
        UUID id = upload(file, 1024 * 1024, 1);
        assertThat(db.sql("select count(*) from tus_block where upload_id = ?").param(id).query(Integer.class).single())
                .as("one block per 1 MiB chunk").isEqualTo(6);
    }

    @Test
    void fourParallelPartsAreJoinedInOrder() throws Exception {
        byte[] file = TusProtocolIT.random(6 * 1024 * 1024 + 5, 12);
        UUID id = upload(file, 512 * 1024, 4);
        assertThat(db.sql("select count(*) from tus_upload where file_transfer_id = ? and kind = 'partial' and state = 'complete'")
                .param(id).query(Integer.class).single()).isEqualTo(4);
        assertThat(db.sql("select kind from tus_upload where id = ?").param(id).query(String.class).single()).isEqualTo("final");
    }

    /** Uploads with tus-js-client and checks what a recipient then gets: status, bytes and checksum. */
    private UUID upload(byte[] file, int chunkSize, int parallel) throws Exception {
        UUID id = api.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of("checksum", TusProtocolIT.md5(file)));
        Path path = Files.write(tmp.resolve("file.bin"), file);
        NodeTools.Result result = NodeTools.run(SCRIPT, "http://127.0.0.1:" + port + TusClient.BASE + id, sender, path.toString(),
                Integer.toString(chunkSize), Integer.toString(parallel));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).endsWith(TusClient.BASE + id);
        assertThat(api.status(sender, id)).isEqualTo("Published");
        assertThat(api.download(recipient, id, null).raw().body()).isEqualTo(file);
        assertThat(api.overview(sender, id).get("checksum").asText()).isEqualTo(TusProtocolIT.md5(file));
        return id;
    }
}
