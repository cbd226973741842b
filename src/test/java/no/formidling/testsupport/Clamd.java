package no.formidling.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real clamd for tests: Debian's {@code clamav-daemon}, started in the foreground on a free 127.0.0.1 port with a
 * temporary signature database holding only the EICAR test file's MD5 (no download of the official databases).
 * When clamd is not installed the test fails under {@code CI=true} (.ci/run installs it) and is skipped otherwise.
 */
public final class Clamd implements AutoCloseable {
    /** The 68-byte EICAR anti-malware test file. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    public static final String EICAR_SIGNATURE = "Eicar-Test-Signature";
    private static final String CLAMD = "/usr/sbin/clamd";

    private final Path dir;
    private final int port;
    private Process process;

    private Clamd(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts clamd; files longer than {@code streamMaxLength} bytes are refused by it. */
    public static Clamd start(long streamMaxLength) throws IOException {
        if (!Files.isExecutable(Path.of(CLAMD))) {
            String why = CLAMD + " is missing: install Debian's clamav-daemon (apt-get install -y clamav-daemon)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        Path dir = Files.createTempDirectory("clamd-test-");
        Path db = Files.createDirectories(dir.resolve("db"));
        // .hdb: MD5:size:name of a whole file
        Files.writeString(db.resolve("eicar.hdb"), md5(EICAR) + ":" + EICAR.length() + ":" + EICAR_SIGNATURE + "\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("clamd.conf"), String.join("\n",
                "Foreground yes",
                "TCPSocket " + port,
                "TCPAddr 127.0.0.1",
                "DatabaseDirectory " + db,
                "LogFile " + dir.resolve("clamd.log"),
                "PidFile " + dir.resolve("clamd.pid"),
                "TemporaryDirectory " + dir,
                "StreamMaxLength " + streamMaxLength,
                "MaxThreads 2",
                "") );
        Clamd clamd = new Clamd(dir, port);
        clamd.startProcess();
        return clamd;
    }

    public int port() {
        return port;
    }

    /** Stops clamd, as an outage would. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    /** Starts clamd again on the same port. */
    public void restart() throws IOException {
        startProcess();
    }

    private void startProcess() throws IOException {
        process = new ProcessBuilder(CLAMD, "--config-file=" + dir.resolve("clamd.conf"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("clamd.out").toFile()).start();
        ChildProcesses.awaitReady("clamd", process, dir.resolve("clamd.out"), Duration.ofMinutes(1), this::ping);
    }

    private boolean ping() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            out.write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(4), StandardCharsets.US_ASCII).equals("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String md5(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
