package no.formidling.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@code formidling.scan.type=clamav}: streams the file to clamd with its {@code INSTREAM} command, one chunk at a
 * time (a 4-byte big-endian length, then the bytes; a zero length ends the stream), so memory use does not grow with
 * the file. A file longer than clamd's {@code StreamMaxLength} cannot be scanned: like any scan result other than
 * "No threats found" upstream, it fails the transfer. clamd unreachable or answering an error is an
 * {@link IOException}: the process step retries and then raises an incident, and nothing is published unscanned.
 *
 * <p>The protocol is written here because the Java clamd clients on Maven Central are unmaintained and speak TCP only.
 */
@Component
@ConditionalOnProperty(name = "formidling.scan.type", havingValue = "clamav")
@EnableConfigurationProperties(ClamAvProperties.class)
class ClamAvScanner implements MalwareScanner {
    private static final String SIZE_LIMIT_REPLY = "INSTREAM size limit exceeded";
    private final ClamAvProperties props;

    ClamAvScanner(ClamAvProperties props) {
        this.props = props;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Verdict scan(InputStream bytes) throws IOException {
        try (Connection clamd = connect(props.readTimeout())) {
            return instream(clamd, bytes);
        }
    }

    /** clamd's {@code PING}: it answers {@code PONG}. The connection is closed after {@code timeout} whatever happens. */
    @Override
    public void ping(Duration timeout) throws IOException {
        try (Connection clamd = connect(timeout)) {
            Executor closer = CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            closer.execute(() -> {
                try {
                    clamd.close();
                } catch (IOException ignored) {
                    // already closed by the try block
                }
            });
            clamd.out().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            clamd.out().flush();
            String reply = read(clamd).strip();
            if (!"PONG".equals(reply)) {
                throw new IOException("clamd answered: " + reply);
            }
        }
    }

    private Verdict instream(Connection clamd, InputStream bytes) throws IOException {
        DataOutputStream out = new DataOutputStream(clamd.out());
        out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
        long max = props.streamMaxLength().toBytes();
        byte[] chunk = new byte[(int) Math.max(1, Math.min(props.chunkSize().toBytes(), Integer.MAX_VALUE))];
        long sent = 0;
        int n;
        try {
            while ((n = bytes.readNBytes(chunk, 0, chunk.length)) > 0) {
                if (sent + n > max) {
                    // clamd would refuse the rest; never let it scan (and pass) only the beginning.
                    return Verdict.notScanned("The file is larger than the scanner's StreamMaxLength of " + max + " bytes.");
                }
                out.writeInt(n);
                out.write(chunk, 0, n);
                sent += n;
            }
            out.writeInt(0);
            out.flush();
        } catch (IOException writeFailed) {
            // clamd closes the connection when its own limit is lower than ours; its reply says why.
            String reply = tryRead(clamd);
            if (reply != null && reply.contains(SIZE_LIMIT_REPLY)) {
                return Verdict.notScanned("The file is larger than clamd's StreamMaxLength.");
            }
            throw writeFailed;
        }
        return verdict(read(clamd));
    }

    static Verdict verdict(String reply) throws IOException {
        // "stream: OK", "stream: Eicar-Test-Signature FOUND", "INSTREAM size limit exceeded. ERROR"
        String r = reply.strip();
        if (r.contains(SIZE_LIMIT_REPLY)) {
            return Verdict.notScanned("The file is larger than clamd's StreamMaxLength.");
        }
        if (r.endsWith(" FOUND")) {
            String name = r.substring(r.indexOf(':') + 1, r.length() - " FOUND".length()).strip();
            return Verdict.malicious(name);
        }
        if (r.endsWith(": OK")) {
            return Verdict.CLEAN;
        }
        throw new IOException("clamd answered: " + r);
    }

    private static String read(Connection clamd) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        InputStream in = clamd.in();
        int b;
        while ((b = in.read()) > 0) {
            reply.write(b);
            if (reply.size() > 4096) {
                break;
            }
        }
        if (reply.size() == 0) {
            throw new IOException("clamd closed the connection without a verdict");
        }
        return reply.toString(StandardCharsets.UTF_8);
    }

    private static String tryRead(Connection clamd) {
        try {
            return read(clamd);
        } catch (IOException e) {
            return null;
        }
    }

    private Connection connect(Duration readTimeout) throws IOException {
        if (props.socket() != null && !props.socket().isBlank()) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(props.socket()));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new Connection(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel);
        }
        Socket socket = new Socket();
        try {
            int connectTimeout = (int) Math.min(props.connectTimeout().toMillis(), readTimeout.toMillis());
            socket.connect(new InetSocketAddress(props.host(), props.port()), connectTimeout);
            socket.setSoTimeout((int) readTimeout.toMillis());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new Connection(socket.getInputStream(), socket.getOutputStream(), socket);
    }

    private record Connection(InputStream in, OutputStream out, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                resource.close();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
