package no.formidling.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFileLoaderTest {
    private static final String VALID = """
            name: nightly
            direction: outbound
            schedule: {cron: "0 0 2 * * *", zone: Europe/Oslo}
            source: {type: folder, directory: /tmp/out, pattern: "*.xml"}
            completion: {rule: stableSize, interval: 2s}
            broker:
              baseUrl: http://localhost:8080
              resourceId: demo
              sender: "0192:310000001"
              recipients: {static: ["0192:310000002"]}
              auth: {type: token, token: "${BROKER_TOKEN}"}
            retry: {attempts: 3, initialInterval: 100ms}
            """;

    @TempDir
    Path dir;

    private final JobFileLoader loader = new JobFileLoader(Map.of("BROKER_TOKEN", "secret-from-env")::get);

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void shippedExamplesLoad() {
        JobFileLoader withDefaults = new JobFileLoader(Map.of("formidling.base-url", "http://localhost:8080", "formidling.data-dir", "./data")::get);
        List<BridgeJob> jobs = withDefaults.loadAll(Path.of("jobs"));
        assertThat(jobs).extracting(BridgeJob::name)
                .containsExactly("demo-folder-inbound", "demo-folder-outbound", "demo-sftp-outbound");
        assertThat(jobs.get(2).definition().isEnabled()).isFalse();
    }

    @Test
    void readsValuesAndResolvesEnvironmentReferences() throws IOException {
        BridgeJob job = loader.load(write("nightly.yml", VALID));
        assertThat(job.broker().auth().token()).isEqualTo("secret-from-env");
        assertThat(job.stableInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(job.retry().attempts()).isEqualTo(3);
        assertThat(job.retry().initialInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(job.zone().getId()).isEqualTo("Europe/Oslo");
        assertThat(job.staticRecipients()).containsExactly("0192:310000002");
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        Path f = write("typo.yml", VALID.replace("pattern:", "patern:"));
        assertThatThrownBy(() -> loader.load(f)).isInstanceOf(JobFileException.class)
                .hasMessageContaining("typo.yml").hasMessageContaining("key 'source.patern'").hasMessageContaining("unknown key");
    }

    @Test
    void badCronIsNamed() throws IOException {
        Path f = write("cron.yml", VALID.replace("0 0 2 * * *", "every night"));
        assertThatThrownBy(() -> loader.load(f)).hasMessageContaining("cron.yml").hasMessageContaining("key 'schedule.cron'")
                .hasMessageContaining("'every night' is not a cron expression");
    }

    @Test
    void missingEnvironmentVariableIsNamed() throws IOException {
        Path f = write("env.yml", VALID.replace("${BROKER_TOKEN}", "${NOT_SET_ANYWHERE}"));
        assertThatThrownBy(() -> loader.load(f)).hasMessageContaining("key 'broker.auth.token'")
                .hasMessageContaining("${NOT_SET_ANYWHERE}, which is not set");
    }

    @Test
    void badPartyAndBadEnumAreNamed() throws IOException {
        Path party = write("party.yml", VALID.replace("\"0192:310000002\"", "\"310000002\""));
        assertThatThrownBy(() -> loader.load(party)).hasMessageContaining("key 'broker.recipients.static[0]'")
                .hasMessageContaining("not a party");
        Path direction = write("direction.yml", VALID.replace("direction: outbound", "direction: sideways"));
        assertThatThrownBy(() -> loader.load(direction)).hasMessageContaining("key 'direction'")
                .hasMessageContaining("'sideways' is not allowed here; expected one of [outbound, inbound]");
    }

    @Test
    void sftpNeedsKnownHostsWhileHostKeyCheckingIsOn() throws IOException {
        Path f = write("sftp.yml", VALID.replace("{type: folder, directory: /tmp/out, pattern: \"*.xml\"}",
                "{type: sftp, directory: /out, sftp: {host: localhost, user: u, password: p}}"));
        assertThatThrownBy(() -> loader.load(f)).hasMessageContaining("key 'source.sftp.knownHosts'")
                .hasMessageContaining("host key checking is on");
    }

    @Test
    void brokenYamlAndMissingKeysAreNamed() throws IOException {
        Path broken = write("broken.yml", "name: x\n  direction: [outbound\n");
        assertThatThrownBy(() -> loader.load(broken)).hasMessageContaining("broken.yml").hasMessageContaining("not valid YAML");
        Path missing = write("missing.yml", VALID.replace("  resourceId: demo\n", ""));
        assertThatThrownBy(() -> loader.load(missing)).hasMessageContaining("key 'broker.resourceId': is required");
    }

    @Test
    void twoFilesWithOneNameAreRefused() throws IOException {
        write("a.yml", VALID);
        write("b.yml", VALID);
        assertThatThrownBy(() -> loader.loadAll(dir)).hasMessageContaining("b.yml").hasMessageContaining("already used by");
    }
}
