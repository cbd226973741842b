package no.formidling.bridge.endpoint;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.formidling.bridge.config.JobDefinition;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.integration.file.remote.session.CachingSessionFactory;
import org.springframework.integration.file.remote.session.Session;
import org.springframework.integration.sftp.session.DefaultSftpSessionFactory;

/**
 * A directory on an SFTP server (Apache MINA SSHD client through Spring Integration). Reads stream from the
 * server; writes go to a temporary name and are renamed. Sessions are pooled, one per concurrent file. Keys:
 * RSA, ECDSA and ed25519 (OpenSSH or PEM format, with or without passphrase), for the client and the host.
 */
public class SftpFolder implements FileStore {
    private static final Logger log = LoggerFactory.getLogger(SftpFolder.class);
    /** OpenSSH's sftp-server answers at most 255 KiB per read request. */
    private static final int READ_BUFFER = 255 * 1024;
    private static final long WINDOW = 8L << 20;
    private static final long MAX_PACKET = 64 * 1024;
    private static final int SOCKET_READ = 256 * 1024;
    private final String dir;
    private final String description;
    private final DefaultSftpSessionFactory sessions;
    private final CachingSessionFactory<SftpClient.DirEntry> pool;

    public SftpFolder(JobDefinition.Location location, int poolSize) {
        JobDefinition.Sftp s = location.sftp();
        int port = s.port() == null ? 22 : s.port();
        this.dir = location.directory().endsWith("/") ? location.directory().substring(0, location.directory().length() - 1) : location.directory();
        this.description = "sftp://" + s.user() + "@" + s.host() + ":" + port + "/" + dir;
        sessions = new DefaultSftpSessionFactory(false);
        sessions.setHost(s.host());
        sessions.setPort(port);
        sessions.setUser(s.user());
        sessions.setTimeout(30_000);
        sessions.setSshClientConfigurer(SftpFolder::configure);
        if (s.password() != null) {
            sessions.setPassword(s.password());
        }
        if (s.privateKey() != null) {
            sessions.setPrivateKey(new FileSystemResource(s.privateKey()));
            if (s.privateKeyPassphrase() != null) {
                sessions.setPrivateKeyPassphrase(s.privateKeyPassphrase());
            }
        }
        if (s.knownHosts() != null) {
            sessions.setKnownHostsResource(new FileSystemResource(s.knownHosts()));
        }
        sessions.setAllowUnknownKeys(!s.checksHostKey());
        pool = new CachingSessionFactory<>(sessions, poolSize);
        pool.setTestSession(true);
        // Never wait forever for a pooled session (e.g. one held by a stream nobody closed).
        pool.setSessionWaitTimeout(120_000);
    }

    /**
     * File names travel as UTF-8 both ways (SFTP v3 leaves the charset to the peers; OpenSSH passes bytes through).
     * The rest is throughput (measured by bench/bridge): AES-GCM first, which the JDK runs on AES-NI and carries its
     * own MAC, where MINA's default first pick chacha20-poly1305 is MINA's own plain-Java code; a
     * channel window of {@value #WINDOW} bytes keeps that many read requests of {@value #READ_BUFFER} bytes in flight
     * (MINA sizes its read-ahead by the window); larger SSH packets and socket reads mean fewer of each per byte.
     */
    static void configure(SshClient client) {
        SftpModuleProperties.NAME_DECODING_CHARSET.set(client, StandardCharsets.UTF_8);
        List<NamedFactory<Cipher>> ciphers = new ArrayList<>(List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm));
        BaseBuilder.DEFAULT_CIPHERS_PREFERENCE.stream().filter(c -> !ciphers.contains(c)).forEach(ciphers::add);
        client.setCipherFactories(ciphers);
        CoreModuleProperties.WINDOW_SIZE.set(client, WINDOW);
        CoreModuleProperties.MAX_PACKET_SIZE.set(client, MAX_PACKET);
        CoreModuleProperties.NIO2_READ_BUFFER_SIZE.set(client, SOCKET_READ);
        // Re-key as OpenSSH does: by the cipher's block count (RFC 4344: every 2^32 blocks, 64 GiB, for AES; MINA
        // still re-keys chacha20-poly1305 every GiB) and every hour, not after each GiB whatever the cipher. A re-key
        // drains the read pipeline and runs a key exchange (sntrup761 in plain Java): 0.2-0.5 s per GiB measured.
        CoreModuleProperties.REKEY_BYTES_LIMIT.set(client, 0L);
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionNegotiationEnd(org.apache.sshd.common.session.Session session, Map<KexProposalOption, String> ours, Map<KexProposalOption, String> theirs,
                                              Map<KexProposalOption, String> negotiated, Throwable reason) {
                if (reason == null) {
                    // Worth seeing: a server without AES-GCM makes the bridge several times slower on big files.
                    log.info("SFTP session to {}: cipher {}", session.getIoSession().getRemoteAddress(), negotiated.get(KexProposalOption.S2CENC));
                }
            }
        });
    }

    @Override
    public List<FileEntry> list(String glob) throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        List<FileEntry> files = new ArrayList<>();
        try (Session<SftpClient.DirEntry> session = pool.getSession()) {
            for (SftpClient.DirEntry e : session.list(dir)) {
                SftpClient.Attributes a = e.getAttributes();
                if (a.isRegularFile() && matcher.matches(Path.of(e.getFilename()))) {
                    long modified = a.getModifyTime() == null ? 0 : a.getModifyTime().toMillis();
                    files.add(new FileEntry(e.getFilename(), a.getSize(), modified));
                }
            }
        }
        return files;
    }

    @Override
    public boolean exists(String name) throws IOException {
        try (Session<SftpClient.DirEntry> session = pool.getSession()) {
            return session.exists(path(name));
        }
    }

    @Override
    public InputStream openRead(String name) throws IOException {
        Session<SftpClient.DirEntry> session = pool.getSession();
        try {
            // Large read requests keep the SFTP pipe full (the default is a few KiB per round trip).
            InputStream raw = ((SftpClient) session.getClientInstance()).read(path(name), READ_BUFFER);
            return new FilterInputStream(raw) {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    try {
                        super.close();
                    } finally {
                        session.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public void writeAtomically(String name, InputStream data) throws IOException {
        writeInto(dir, name, data);
    }

    private void writeInto(String folder, String name, InputStream data) throws IOException {
        try (Session<SftpClient.DirEntry> session = pool.getSession()) {
            mkdirs(session, folder);
            String temp = folder + "/." + name + ".part";
            session.write(data, temp);
            String target = folder + "/" + name;
            if (session.exists(target)) {
                session.remove(target);
            }
            session.rename(temp, target);
        }
    }

    private static void mkdirs(Session<SftpClient.DirEntry> session, String folder) throws IOException {
        if (session.exists(folder)) {
            return;
        }
        int slash = folder.lastIndexOf('/');
        if (slash > 0) {
            mkdirs(session, folder.substring(0, slash));
        }
        try {
            session.mkdir(folder);
        } catch (IOException e) {
            // Concurrent workers archive at the same time: another one may have just created it.
            if (!session.exists(folder)) {
                throw e;
            }
        }
    }

    @Override
    public String moveTo(String name, String folder) throws IOException {
        String to = folder.startsWith("/") ? folder : dir + "/" + folder;
        try (Session<SftpClient.DirEntry> session = pool.getSession()) {
            mkdirs(session, to);
            String targetName = name;
            for (int i = 1; session.exists(to + "/" + targetName); i++) {
                targetName = name + "." + i;
            }
            session.rename(path(name), to + "/" + targetName);
            return targetName;
        }
    }

    @Override
    public void writeText(String folder, String name, String text) throws IOException {
        String to = folder.startsWith("/") ? folder : dir + "/" + folder;
        writeInto(to, name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void delete(String name) throws IOException {
        try (Session<SftpClient.DirEntry> session = pool.getSession()) {
            if (session.exists(path(name))) {
                session.remove(path(name));
            }
        }
    }

    private String path(String name) {
        if (name.contains("/") || name.equals("..") || name.equals(".")) {
            throw new IllegalArgumentException("Not a plain file name: " + name);
        }
        return dir + "/" + name;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        pool.destroy();
        sessions.destroy();
    }
}
