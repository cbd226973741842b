package no.formidling.bridge.run;

import no.formidling.bridge.RunView;
import static no.formidling.bridge.BridgeTestSupport.RECIPIENT;
import static no.formidling.bridge.BridgeTestSupport.SENDER;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static no.formidling.bridge.BridgeTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.SftpServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** SFTP → Broker → SFTP, streamed both ways: out of an embedded MINA server (password), into OpenSSH (key). */
@BridgeIntegrationTest
class SftpBridgeIT {
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @TempDir
    Path tmp;

    @Test
    void filesTravelFromOneSftpServerThroughTheBrokerToAnother() throws Exception {
        try (SftpServers.Server mina = SftpServers.mina(tmp.resolve("mina")); SftpServers.Server openSsh = SftpServers.openSsh(tmp.resolve("openssh"))) {
            Map<String, byte[]> sent = randomFiles(mina.localDirectory(), "sftp-", 30, 7);
            Files.write(mina.localDirectory().resolve("sftp-big.bin"), new byte[5 * 1024 * 1024 + 3]);
            sent.put("sftp-big.bin", new byte[5 * 1024 * 1024 + 3]);
            Files.writeString(mina.localDirectory().resolve("partial.bin.tmp"), "still uploading");
            Path jobs = Files.createDirectories(tmp.resolve("jobs"));
            Files.writeString(jobs.resolve("out.yml"), """
                    name: sftp-out
                    direction: outbound
                    schedule: {cron: "0 0 2 * * *"}
                    source:
                      type: sftp
                      directory: %s
                      sftp: {host: 127.0.0.1, port: %d, user: %s, password: "%s", knownHosts: "%s"}
                    completion: {rule: tempSuffix, tempSuffix: .tmp}
                    broker:
                      baseUrl: http://localhost:%d
                      resourceId: formidling-demo
                      sender: "0192:%s"
                      recipients: {static: ["0192:%s"]}
                      auth: {type: dev, orgNo: "%s"}
                    limits: {concurrency: 3}
                    """.formatted(mina.directory(), mina.port(), mina.user(), SftpServers.PASSWORD, mina.knownHosts(), port, SENDER, RECIPIENT, SENDER));
            Files.writeString(jobs.resolve("in.yml"), """
                    name: sftp-in
                    direction: inbound
                    schedule: {cron: "0 0 3 * * *"}
                    target:
                      type: sftp
                      directory: %s/inbox
                      sftp: {host: 127.0.0.1, port: %d, user: %s, privateKey: "%s", knownHosts: "%s"}
                    broker:
                      baseUrl: http://localhost:%d
                      resourceId: formidling-demo
                      auth: {type: dev, orgNo: "%s"}
                    limits: {concurrency: 3}
                    """.formatted(openSsh.directory(), openSsh.port(), openSsh.user(), openSsh.clientKey(), openSsh.knownHosts(), port, RECIPIENT));
            catalog.load(jobs);

            JobExecution out = runner.run("sftp-out", Instant.now(), "test");
            assertThat(out.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(RunView.of(out).written()).isEqualTo(31);
            assertThat(RunView.of(out).skipped()).as("the .tmp file is not complete").isEqualTo(1);
            assertThat(mina.localDirectory().resolve("archive").toFile().list()).hasSize(31);

            JobExecution in = runner.run("sftp-in", Instant.now(), "test");
            assertThat(in.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            Map<String, byte[]> received = readAll(openSsh.localDirectory().resolve("inbox"));
            // Other tests may have left published transfers for the same recipient: ours must all be there, intact.
            sent.forEach((name, bytes) -> assertThat(received.get(name)).as(name).isEqualTo(bytes));
            assertThat(received.keySet()).noneMatch(n -> n.endsWith(".part"));
        }
    }
}
