package no.formidling.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server as a child JVM started from the test classpath, as an operator would run it: start, wait until
 * healthy, stop with SIGTERM or kill with SIGKILL, read its log. Children still alive when the test JVM exits
 * are stopped. Kept small (512 MB heap, a few pooled connections) because several run at once.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts a server on a free port and waits until it is healthy; fails with its log if it exits first. */
    public static ServerProcess start(String name, Path workDir, List<String> args) {
        ServerProcess server = launch(name, freePort(), workDir, args);
        server.awaitHealthy();
        return server;
    }

    /**
     * Starts a server without waiting. {@code args} are Spring Boot arguments ({@code --key=value}); the port is
     * given here, the data folder defaults to {@code <workDir>/data} and the job files to an empty folder.
     */
    public static ServerProcess launch(String name, int port, Path workDir, List<String> args) {
        try {
            Files.createDirectories(workDir);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "no.formidling.FormidlingApplication",
                    "--server.port=" + port));
            if (args.stream().noneMatch(a -> a.startsWith("--formidling.data-dir="))) {
                cmd.add("--formidling.data-dir=" + workDir.resolve("data"));
            }
            if (args.stream().noneMatch(a -> a.startsWith("--formidling.bridge.jobs-dir="))) {
                cmd.add("--formidling.bridge.jobs-dir=" + Files.createDirectories(workDir.resolve("no-jobs")));
            }
            if (args.stream().noneMatch(a -> a.startsWith("--spring.datasource.hikari.maximum-pool-size="))) {
                cmd.add("--spring.datasource.hikari.maximum-pool-size=6");
            }
            cmd.addAll(args);
            Path log = Path.of("target", "server-" + name + ".log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LIVE.add(p);
            p.onExit().thenRun(() -> LIVE.remove(p));
            return new ServerProcess(name, port, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Arguments that put a server on a database of the machine's PostgreSQL. */
    public static List<String> onDatabase(String database) {
        return List.of("--spring.datasource.url=" + POSTGRES + database, "--spring.datasource.username=postgres");
    }

    /** A database name of its own per run: several checkouts may run their suites against one PostgreSQL at once. */
    public static String uniqueDatabaseName(String prefix) {
        return prefix + "_" + Long.toHexString(System.nanoTime() & 0xffffffffL) + Integer.toHexString((int) (Math.random() * 0xffff));
    }

    public static void createDatabase(String database) {
        admin("drop database if exists " + database + " with (force)");
        admin("create database " + database);
    }

    public static void dropDatabase(String database) {
        admin("drop database if exists " + database + " with (force)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "")) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL at 127.0.0.1:5432 (trust auth for postgres): " + e.getMessage(), e);
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ServerProcess awaitHealthy() {
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("server " + name + " exited with " + process.exitValue() + ":\n" + tail(200));
                }
                return health() == 200;
            });
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return this;
    }

    private int health() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits for the process to end by itself; its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server " + name + " still running after " + timeout + ":\n" + tail(100));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as a service manager stops it; waits for the exit and returns the exit code. */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL: no shutdown hooks run. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops gracefully (so an embedded PostgreSQL is stopped too), forcibly if that does not end it. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public Path logFile() {
        return log;
    }

    public String log() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String tail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public String toString() {
        return "server " + name + " on port " + port + " (log " + log + ")";
    }
}
