package no.formidling.bridge.run;

import no.formidling.bridge.RunView;
import static no.formidling.bridge.BridgeTestSupport.RECIPIENT;
import static no.formidling.bridge.BridgeTestSupport.SENDER;
import static no.formidling.bridge.BridgeTestSupport.inboundJob;
import static no.formidling.bridge.BridgeTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.SftpServers;
import no.formidling.bridge.SftpServers.KeyType;
import no.formidling.bridge.client.BrokerClient;
import no.formidling.bridge.client.DevTokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** File names survive the trip: Norwegian letters arrive as sent (NFC), and two names never become one file. */
@BridgeIntegrationTest
class BridgeFileNamesIT {
    private static final Random RANDOM = new Random(13);
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @Autowired
    JdbcClient db;
    @TempDir
    Path tmp;

    @Test
    void receivedNamesAreKeptAsSentAndNeverCollapse() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Path inbox = tmp.resolve("inbox");
        List<byte[]> sent = new ArrayList<>();
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (String name : List.of("rapport æøå 12 " + tag + ".xml", "Lønn (kopi) bilag 101 " + tag + ".csv",
                "a\u030Arsrapport " + tag + ".pdf", "\u00E5rsrapport " + tag + ".pdf", "dup " + tag + ".xml", "dup " + tag + ".xml")) {
            byte[] bytes = randomBytes();
            sent.add(bytes);
            ids.put(name + "#" + ids.size(), send(name, bytes));
        }
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("names-in.yml"), inboundJob("names-in", port, inbox));
        catalog.load(jobs);

        JobExecution in = runner.run("names-in", Instant.now(), "test");

        assertThat(in.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, byte[]> received = new LinkedHashMap<>(readAll(inbox));
        received.keySet().removeIf(n -> !n.contains(tag));
        assertThat(received).containsKeys("rapport æøå 12 " + tag + ".xml", "Lønn (kopi) bilag 101 " + tag + ".csv",
                "\u00E5rsrapport " + tag + ".pdf", "dup " + tag + ".xml");
        assertThat(received.get("rapport æøå 12 " + tag + ".xml")).isEqualTo(sent.get(0));
        assertThat(received.get("Lønn (kopi) bilag 101 " + tag + ".csv")).isEqualTo(sent.get(1));
        assertThat(received).as("six transfers, six files: names that are alike do not overwrite each other").hasSize(6);
        assertThat(received.values().stream().map(Base64.getEncoder()::encodeToString))
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Base64.getEncoder()::encodeToString).toList());
        // The second of a pair (NFD and NFC of one name; one name twice) gets its transfer id in front of the name.
        assertThat(received.keySet()).filteredOn(n -> n.endsWith("-\u00E5rsrapport " + tag + ".pdf") || n.endsWith("-dup " + tag + ".xml"))
                .hasSize(2).allMatch(n -> ids.containsValue(UUID.fromString(n.substring(0, 36))));
    }

    @Test
    void norwegianNamesTravelFromSftpThroughTheBrokerToOpenSshWithEd25519Keys() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (SftpServers.Server mina = SftpServers.mina(tmp.resolve("mina"));
             SftpServers.Server openSsh = SftpServers.openSsh(tmp.resolve("openssh"), KeyType.ED25519, KeyType.ED25519, "hemmelig")) {
            Map<String, byte[]> sent = new LinkedHashMap<>();
            for (String name : List.of("rapport æøå 12 " + tag + ".xml", "Lønn (kopi) bilag 101 " + tag + ".csv", "ÆØÅ «sitat» " + tag + ".txt")) {
                sent.put(name, randomBytes());
                Files.write(mina.localDirectory().resolve(name), sent.get(name));
            }
            Path jobs = Files.createDirectories(tmp.resolve("jobs"));
            Files.writeString(jobs.resolve("out.yml"), """
                    name: names-sftp-out
                    direction: outbound
                    schedule: {cron: "0 0 2 * * *"}
                    source:
                      type: sftp
                      directory: %s
                      sftp: {host: 127.0.0.1, port: %d, user: %s, password: "%s", knownHosts: "%s"}
                    completion: {rule: none}
                    broker:
                      baseUrl: http://localhost:%d
                      resourceId: formidling-demo
                      sender: "0192:%s"
                      recipients: {static: ["0192:%s"]}
                      auth: {type: dev, orgNo: "%s"}
                    """.formatted(mina.directory(), mina.port(), mina.user(), SftpServers.PASSWORD, mina.knownHosts(), port, SENDER, RECIPIENT, SENDER));
            Files.writeString(jobs.resolve("in.yml"), """
                    name: names-sftp-in
                    direction: inbound
                    schedule: {cron: "0 0 3 * * *"}
                    target:
                      type: sftp
                      directory: %s/inbox
                      sftp: {host: 127.0.0.1, port: %d, user: %s, privateKey: "%s", privateKeyPassphrase: "%s", knownHosts: "%s"}
                    broker:
                      baseUrl: http://localhost:%d
                      resourceId: formidling-demo
                      auth: {type: dev, orgNo: "%s"}
                    """.formatted(openSsh.directory(), openSsh.port(), openSsh.user(), openSsh.clientKey(), openSsh.clientKeyPassphrase(),
                    openSsh.knownHosts(), port, RECIPIENT));
            catalog.load(jobs);

            JobExecution out = runner.run("names-sftp-out", Instant.now(), "test");
            assertThat(out.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(RunView.of(out).written()).isEqualTo(3);
            assertThat(db.sql("select file_name from file_transfer where senders_reference like 'names-sftp-out/%' and file_name like :tag")
                    .param("tag", "%" + tag + "%").query(String.class).list())
                    .as("the Broker got the names as they were listed").containsExactlyInAnyOrderElementsOf(sent.keySet());
            assertThat(mina.localDirectory().resolve("archive").toFile().list()).containsExactlyInAnyOrderElementsOf(sent.keySet());

            JobExecution in = runner.run("names-sftp-in", Instant.now(), "test");
            assertThat(in.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            Map<String, byte[]> received = readAll(openSsh.localDirectory().resolve("inbox"));
            sent.forEach((name, bytes) -> assertThat(received.get(name)).as(name).isEqualTo(bytes));
        }
    }

    private UUID send(String name, byte[] bytes) {
        BrokerClient broker = new BrokerClient("http://localhost:" + port,
                new DevTokenSource("http://localhost:" + port, SENDER, "altinn:broker.write altinn:broker.read"), null);
        UUID id = broker.initialize(new BrokerClient.Initialize(name, "formidling-demo", "0192:" + SENDER, List.of("0192:" + RECIPIENT),
                "names-test", Map.of(), null), null);
        broker.upload(id, bytes.length, () -> new ByteArrayInputStream(bytes));
        return id;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[100 + RANDOM.nextInt(5000)];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
