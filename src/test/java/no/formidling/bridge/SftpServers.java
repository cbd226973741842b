package no.formidling.bridge;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import no.formidling.testsupport.ChildProcesses;
import org.junit.jupiter.api.Assumptions;

/** Real SFTP servers for tests: an embedded Apache MINA SSHD server and OpenSSH's sshd with sftp-server. */
public final class SftpServers {
    public static final String USER = "bridge";
    public static final String PASSWORD = "s3cret-password";

    private SftpServers() {
    }

    /** A server on 127.0.0.1 with a generated host key, a known_hosts file for it and a client key it accepts. */
    public interface Server extends AutoCloseable {
        int port();

        String user();

        /** Directory the bridge should use, as the server names it. */
        String directory();

        /** The same directory on this machine's disk. */
        Path localDirectory();

        Path knownHosts();

        Path clientKey();

        /** Passphrase of the client key, or null when it has none. */
        default String clientKeyPassphrase() {
            return null;
        }

        @Override
        void close();
    }

    /** Generates an RSA key pair with ssh-keygen (PEM private key, OpenSSH public key). */
    public static Path sshKeygen(Path dir, String name) throws IOException, InterruptedException {
        return sshKeygen(dir, name, KeyType.RSA_PEM, "");
    }

    /** Key types as {@code ssh-keygen} makes them; all but RSA_PEM in OpenSSH's own private key format (its default). */
    public enum KeyType {
        RSA_PEM("-t", "rsa", "-b", "2048", "-m", "PEM"),
        ED25519("-t", "ed25519"),
        ECDSA("-t", "ecdsa", "-b", "256");

        private final List<String> options;

        KeyType(String... options) {
            this.options = List.of(options);
        }
    }

    /** Generates a key pair with ssh-keygen; an empty passphrase leaves the private key unencrypted. */
    public static Path sshKeygen(Path dir, String name, KeyType type, String passphrase) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        List<String> command = new java.util.ArrayList<>(List.of("ssh-keygen", "-q"));
        command.addAll(type.options);
        command.addAll(List.of("-N", passphrase, "-f", key.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + out);
        }
        return key;
    }

    /** A known_hosts file from ssh-keygen's public key file, read as text (no key parsing on our side). */
    public static Path knownHosts(Path dir, int port, Path publicKeyFile) throws IOException {
        String[] fields = Files.readString(publicKeyFile).trim().split("\\s+");
        return Files.writeString(dir.resolve("known_hosts-" + port), "[127.0.0.1]:" + port + " " + fields[0] + " " + fields[1] + "\n");
    }

    public static Path knownHosts(Path dir, int port, PublicKey hostKey) throws IOException {
        return Files.writeString(dir.resolve("known_hosts-" + port), "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey) + "\n");
    }

    public static PublicKey readPublicKey(Path privateKey) throws Exception {
        try (var in = Files.newInputStream(privateKey)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, null, in, FilePasswordProvider.EMPTY);
            return pairs.iterator().next().getPublic();
        }
    }

    public static Server mina(Path root) throws Exception {
        Path files = Files.createDirectories(root.resolve("sftp-root"));
        Path keys = Files.createDirectories(root.resolve("keys"));
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair hostKey = gen.generateKeyPair();
        Path clientKey = sshKeygen(keys, "client_rsa");
        PublicKey clientPublic = readPublicKey(clientKey);

        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator("test", Collections.singleton(clientPublic)));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(files));
        sshd.start();
        Path knownHosts = knownHosts(keys, sshd.getPort(), hostKey.getPublic());
        return new Server() {
            public int port() { return sshd.getPort(); }
            public String user() { return USER; }
            public String directory() { return "/"; }
            public Path localDirectory() { return files; }
            public Path knownHosts() { return knownHosts; }
            public Path clientKey() { return clientKey; }
            public void close() {
                try {
                    sshd.stop(true);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /**
     * OpenSSH's sshd on a free port with a generated host key, serving sftp-server; key auth as the current user.
     * Missing sshd skips the test on a developer machine and fails it under CI=true.
     */
    public static Server openSsh(Path root) throws Exception {
        return openSsh(root, KeyType.RSA_PEM, KeyType.RSA_PEM, null);
    }

    /**
     * OpenSSH's sshd whose only host key is of {@code hostKeyType}, accepting one client key of {@code clientKeyType}
     * (encrypted with the passphrase when one is given).
     */
    public static Server openSsh(Path root, KeyType hostKeyType, KeyType clientKeyType, String passphrase) throws Exception {
        Path sshdBinary = Path.of("/usr/sbin/sshd");
        Path sftpServer = Path.of("/usr/lib/openssh/sftp-server");
        boolean present = Files.isExecutable(sshdBinary) && Files.isExecutable(sftpServer);
        if (!present) {
            String why = "OpenSSH server is not installed (apt-get install -y openssh-server openssh-sftp-server)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        Path files = Files.createDirectories(root.resolve("openssh-root"));
        Path keys = Files.createDirectories(root.resolve("openssh-keys"));
        Path hostKey = sshKeygen(keys, "host_key", hostKeyType, "");
        Path clientKey = sshKeygen(keys, "client_key", clientKeyType, passphrase == null ? "" : passphrase);
        Path authorized = Files.copy(keys.resolve("client_key.pub"), keys.resolve("authorized_keys"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(Path.of("/run/sshd"));
        Path config = Files.writeString(keys.resolve("sshd_config"), String.join("\n",
                "ListenAddress 127.0.0.1",
                "Port " + port,
                "HostKey " + hostKey,
                "PidFile " + keys.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "Subsystem sftp " + sftpServer,
                "") );
        Process sshd = new ProcessBuilder(sshdBinary.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(keys.resolve("sshd.log").toFile()).start();
        ChildProcesses.awaitReady("sshd", sshd, keys.resolve("sshd.log"), Duration.ofSeconds(10), () -> ChildProcesses.accepts(port));
        Path knownHosts = knownHosts(keys, port, keys.resolve("host_key.pub"));
        String user = System.getProperty("user.name");
        int boundPort = port;
        return new Server() {
            public int port() { return boundPort; }
            public String user() { return user; }
            public String directory() { return files.toString(); }
            public Path localDirectory() { return files; }
            public Path knownHosts() { return knownHosts; }
            public Path clientKey() { return clientKey; }
            public String clientKeyPassphrase() { return passphrase; }
            public void close() {
                sshd.destroy();
                try {
                    sshd.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
