package no.formidling.bridge.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import no.formidling.bridge.SftpServers;
import no.formidling.bridge.SftpServers.KeyType;
import no.formidling.bridge.config.JobDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SFTP side against real servers: Apache MINA SSHD (password and key) and OpenSSH's sftp-server (key). */
class SftpFolderIT {
    @TempDir
    Path tmp;

    private static SftpFolder folder(SftpServers.Server server, String password, Path key, Path knownHosts) {
        return new SftpFolder(new JobDefinition.Location(JobDefinition.LocationType.sftp, server.directory(), null,
                new JobDefinition.Sftp("127.0.0.1", server.port(), server.user(), password, key == null ? null : key.toString(),
                        key == null ? null : server.clientKeyPassphrase(), knownHosts.toString(), null)), 3);
    }

    /** OpenSSH with only an ed25519 host key, and a client key from {@code ssh-keygen -t ed25519}: today's defaults. */
    @Test
    void openSshWithEd25519HostKeyAndEd25519ClientKey() throws Exception {
        try (SftpServers.Server server = SftpServers.openSsh(tmp, KeyType.ED25519, KeyType.ED25519, null);
             SftpFolder sftp = folder(server, null, server.clientKey(), server.knownHosts())) {
            exercise(sftp, server.localDirectory());
        }
    }

    @Test
    void openSshWithEd25519ClientKeyProtectedByAPassphrase() throws Exception {
        try (SftpServers.Server server = SftpServers.openSsh(tmp, KeyType.ED25519, KeyType.ED25519, "kløver-5");
             SftpFolder sftp = folder(server, null, server.clientKey(), server.knownHosts())) {
            exercise(sftp, server.localDirectory());
        }
    }

    @Test
    void openSshWithEcdsaHostKeyAndEcdsaClientKeys() throws Exception {
        try (SftpServers.Server plain = SftpServers.openSsh(tmp.resolve("plain"), KeyType.ECDSA, KeyType.ECDSA, null);
             SftpFolder sftp = folder(plain, null, plain.clientKey(), plain.knownHosts())) {
            exercise(sftp, plain.localDirectory());
        }
        try (SftpServers.Server encrypted = SftpServers.openSsh(tmp.resolve("encrypted"), KeyType.ECDSA, KeyType.ECDSA, "passphrase");
             SftpFolder sftp = folder(encrypted, null, encrypted.clientKey(), encrypted.knownHosts())) {
            exercise(sftp, encrypted.localDirectory());
        }
    }

    @Test
    void wrongPassphraseOfAnEd25519KeyIsRefused() throws Exception {
        try (SftpServers.Server server = SftpServers.openSsh(tmp, KeyType.ED25519, KeyType.ED25519, "right");
             SftpFolder sftp = new SftpFolder(new JobDefinition.Location(JobDefinition.LocationType.sftp, server.directory(), null,
                     new JobDefinition.Sftp("127.0.0.1", server.port(), server.user(), null, server.clientKey().toString(), "wrong",
                             server.knownHosts().toString(), null)), 1)) {
            assertThatThrownBy(() -> sftp.list("*")).isInstanceOf(Exception.class);
        }
    }

    @Test
    void minaWithPassword() throws Exception {
        try (SftpServers.Server server = SftpServers.mina(tmp); SftpFolder sftp = folder(server, SftpServers.PASSWORD, null, server.knownHosts())) {
            exercise(sftp, server.localDirectory());
        }
    }

    @Test
    void minaWithPrivateKey() throws Exception {
        try (SftpServers.Server server = SftpServers.mina(tmp); SftpFolder sftp = folder(server, null, server.clientKey(), server.knownHosts())) {
            exercise(sftp, server.localDirectory());
        }
    }

    @Test
    void openSshWithPrivateKey() throws Exception {
        try (SftpServers.Server server = SftpServers.openSsh(tmp); SftpFolder sftp = folder(server, null, server.clientKey(), server.knownHosts())) {
            exercise(sftp, server.localDirectory());
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        try (SftpServers.Server server = SftpServers.mina(tmp); SftpFolder sftp = folder(server, "wrong", null, server.knownHosts())) {
            assertThatThrownBy(() -> sftp.list("*")).isInstanceOf(Exception.class);
        }
    }

    @Test
    void hostKeyMismatchIsRefusedByBothServers() throws Exception {
        try (SftpServers.Server mina = SftpServers.mina(tmp.resolve("a")); SftpServers.Server openSsh = SftpServers.openSsh(tmp.resolve("b"))) {
            // Each server presented with the other's host key, as if someone stood in between.
            Path minaWithOtherKey = Files.writeString(tmp.resolve("kh-mina"),
                    Files.readString(openSsh.knownHosts()).replace(":" + openSsh.port() + "]", ":" + mina.port() + "]"));
            Path openSshWithOtherKey = Files.writeString(tmp.resolve("kh-openssh"),
                    Files.readString(mina.knownHosts()).replace(":" + mina.port() + "]", ":" + openSsh.port() + "]"));
            try (SftpFolder a = folder(mina, SftpServers.PASSWORD, null, minaWithOtherKey);
                 SftpFolder b = folder(openSsh, null, openSsh.clientKey(), openSshWithOtherKey)) {
                assertThatThrownBy(() -> a.list("*")).isInstanceOf(Exception.class);
                assertThatThrownBy(() -> b.list("*")).isInstanceOf(Exception.class);
            }
            // An unknown host (empty known_hosts) is refused too.
            Path empty = Files.writeString(tmp.resolve("kh-empty"), "");
            try (SftpFolder c = folder(mina, SftpServers.PASSWORD, null, empty)) {
                assertThatThrownBy(() -> c.list("*")).isInstanceOf(Exception.class);
            }
        }
    }

    private static void exercise(SftpFolder sftp, Path disk) throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new Random(5).nextBytes(big);
        sftp.writeAtomically("report.xml", new ByteArrayInputStream(big));
        assertThat(disk.resolve("report.xml")).hasBinaryContent(big);
        assertThat(disk.toFile().list()).as("no temporary file is left").containsExactly("report.xml");
        Files.writeString(disk.resolve("notes.txt"), "x");

        assertThat(sftp.list("*.xml")).extracting(FileEntry::name, FileEntry::size).containsExactly(org.assertj.core.groups.Tuple.tuple("report.xml", (long) big.length));
        try (InputStream in = sftp.openRead("report.xml")) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        assertThat(sftp.exists("report.xml")).isTrue();
        assertThat(sftp.moveTo("report.xml", "archive")).isEqualTo("report.xml");
        assertThat(disk.resolve("archive/report.xml")).hasBinaryContent(big);
        sftp.writeAtomically("report.xml", new ByteArrayInputStream(big));
        assertThat(sftp.moveTo("report.xml", "archive")).as("a name taken in the archive gets a suffix").isEqualTo("report.xml.1");
        sftp.writeText("error", "notes.txt.error.json", "{\"error\":\"why\"}");
        assertThat(disk.resolve("error/notes.txt.error.json")).hasContent("{\"error\":\"why\"}");
        sftp.delete("notes.txt");
        assertThat(sftp.list("*")).isEmpty();
        assertThat(new String(Files.readAllBytes(disk.resolve("error/notes.txt.error.json")), StandardCharsets.UTF_8)).contains("why");
    }
}
