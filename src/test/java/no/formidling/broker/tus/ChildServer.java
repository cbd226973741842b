package no.formidling.broker.tus;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A second server node in its own JVM, on the test's database and data folder, that a test can kill -9. */
final class ChildServer implements AutoCloseable {
    private final Process process;
    final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ChildServer start(String name, String datasourceUrl, Path dataDir, String baseUrl) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "no.formidling.FormidlingApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + datasourceUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--formidling.data-dir=" + dataDir.toAbsolutePath(),
                "--formidling.base-url=" + baseUrl,
                "--formidling.bridge.scheduler=false",
                // The test node drives the processes of the shared database one job at a time; this node must not.
                "--camunda.bpm.job-execution.enabled=false"));
        File log = Path.of("target", "tus-child-" + name + ".log").toAbsolutePath().toFile();
        // A folder of its own as working directory: the checkout's ./bpmn would be deployed twice beside the classpath copy.
        Path workDir = Files.createTempDirectory("tus-child-");
        workDir.toFile().deleteOnExit();
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("child server exited: " + Files.readString(log.toPath()));
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            p.destroyForcibly().waitFor();
            throw e;
        }
        return new ChildServer(p, port);
    }

    /** SIGKILL: no shutdown hook, no flush, as a crashed machine or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
