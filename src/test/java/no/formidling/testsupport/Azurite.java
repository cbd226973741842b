package no.formidling.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Azurite's blob service from {@code tooling/node_modules} (installed by the Maven build), started once per
 * test JVM on a free port with a temporary workspace, and stopped with the JVM. Fails when it cannot start:
 * the Azure tests never pass silently without their peer.
 */
public final class Azurite {
    /** Azurite's well-known development account (public, in Azure's documentation). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static Azurite running;

    private final Process process;
    private final Path workspace;
    private final int port;

    private Azurite(Process process, Path workspace, int port) {
        this.process = process;
        this.workspace = workspace;
        this.port = port;
    }

    /** The shared instance, started on first use. */
    public static synchronized Azurite get() {
        if (running == null) {
            running = start();
            Azurite started = running;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "azurite-stop"));
        }
        return running;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT + ";";
    }

    public int port() {
        return port;
    }

    public Path workspace() {
        return workspace;
    }

    private static Azurite start() {
        Path bin = Path.of("tooling", "node_modules", ".bin", "azurite-blob").toAbsolutePath();
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException("Azurite is missing at " + bin + ": run 'npm ci --prefix tooling' (the Maven build does it before the ITs)");
        }
        Path workspace = null;
        try {
            workspace = Files.createTempDirectory("azurite-");
            int port = freePort();
            Process p = new ProcessBuilder(List.of(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
                    "--location", workspace.toString(), "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent"))
                    .redirectErrorStream(true)
                    .redirectOutput(workspace.resolve("azurite.log").toFile())
                    .start();
            try {
                ChildProcesses.awaitReady("Azurite", p, workspace.resolve("azurite.log"), Duration.ofSeconds(60), () -> ChildProcesses.accepts(port));
            } catch (IllegalStateException e) {
                p.destroyForcibly();
                throw e;
            }
            return new Azurite(p, workspace, port);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Azurite", e);
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(workspace)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
