package no.formidling.runtime;

import io.zonky.test.db.postgres.embedded.ApplicationStoppedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of one data folder. The data folder is locked for the life of the server, so a second
 * server on the same folder refuses to start; the database listens on a port of its own (chosen once and recorded
 * in the data folder, unless configured), and is only used after it has shown that it serves this folder's data.
 * Any failure to start is fatal: a server must never run against another installation's database.
 */
final class EmbeddedDatabase {
    static final String LOCK_FILE = "server.lock";
    static final String PORT_FILE = "postgres.port";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final FileChannel lockChannel;
    private final ApplicationStoppedPostgres postgres;

    private EmbeddedDatabase(FileChannel lockChannel, ApplicationStoppedPostgres postgres) {
        this.lockChannel = lockChannel;
        this.postgres = postgres;
    }

    /** @param configuredPort 0 to choose a free port at the first start and keep it in the data folder */
    static EmbeddedDatabase start(Path dataDir, int configuredPort) {
        Path folder = dataDir.toAbsolutePath().normalize();
        FileChannel lock = lockDataFolder(folder);
        try {
            Path pgData = Files.createDirectories(folder.resolve("postgres"));
            int port = choosePort(folder, pgData, configuredPort);
            log.info("No spring.datasource.url configured: starting embedded PostgreSQL on 127.0.0.1:{} with data in {}", port, pgData);
            ApplicationStoppedPostgres postgres;
            try {
                postgres = ApplicationStoppedPostgres.start(pgData, port, Map.of(
                        "listen_addresses", "127.0.0.1",
                        "fsync", "on",
                        "synchronous_commit", "on",
                        "full_page_writes", "on"), STARTUP_WAIT);
            } catch (IOException | RuntimeException e) {
                throw new EmbeddedDatabaseException("The embedded PostgreSQL in " + pgData + " did not start: " + rootMessage(e),
                        "Check the log lines of PostgreSQL above; if another program holds port " + port
                                + ", set formidling.embedded-db.port to a free port.", e);
            }
            EmbeddedDatabase database = new EmbeddedDatabase(lock, postgres);
            if (!servesDataOf(port, pgData)) {
                database.stop();
                throw new EmbeddedDatabaseException("Port " + port + " answers as a PostgreSQL that does not keep its data in " + pgData
                        + ": the embedded database could not start there", "Set formidling.embedded-db.port to a free port (or 0 to let the server choose one).", null);
            }
            return database;
        } catch (IOException e) {
            closeQuietly(lock);
            throw new EmbeddedDatabaseException("Cannot prepare the embedded database in " + folder + ": " + e.getMessage(),
                    "Check that the data folder is writable.", e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    int port() {
        return postgres.getPort();
    }

    /** Stops PostgreSQL and releases the data folder; called once nothing uses the database. */
    void stop() {
        try {
            postgres.stop();
        } catch (IOException e) {
            log.warn("Stopping the embedded PostgreSQL: {}", e.getMessage());
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private static FileChannel lockDataFolder(Path folder) {
        Path lockFile = folder.resolve(LOCK_FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new EmbeddedDatabaseException("Another Formidling server is already running on the data folder " + folder
                        + " (it holds " + lockFile + ")",
                        "Stop the other server, or give this one a data folder of its own (formidling.data-dir / FORMIDLING_DATA_DIR).", null);
            }
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EmbeddedDatabaseException("Cannot lock the data folder " + folder + ": " + e.getMessage(),
                    "Check that the data folder is writable.", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * The configured port; else the recorded one, unless another program has taken it since (a PostgreSQL left
     * running on this folder by a killed server is ours and is reused); else a free one, recorded.
     */
    private static int choosePort(Path folder, Path pgData, int configuredPort) throws IOException {
        if (configuredPort != 0) {
            if (inUse(configuredPort) && !servesDataOf(configuredPort, pgData)) {
                throw new EmbeddedDatabaseException("Port " + configuredPort + " (formidling.embedded-db.port) is already in use by another program",
                        "Set formidling.embedded-db.port to a free port, or to 0 to let the server choose and record one.", null);
            }
            return configuredPort;
        }
        Path portFile = folder.resolve(PORT_FILE);
        if (Files.exists(portFile)) {
            String recorded = Files.readString(portFile, StandardCharsets.US_ASCII).trim();
            if (recorded.matches("\\d{1,5}")) {
                int port = Integer.parseInt(recorded);
                if (!inUse(port) || servesDataOf(port, pgData)) {
                    return port;
                }
                log.info("Port {} recorded in {} is taken by another program; choosing a new one", port, portFile);
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path tmp = portFile.resolveSibling(PORT_FILE + ".tmp");
        Files.writeString(tmp, port + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, portFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return port;
    }

    private static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether the PostgreSQL on the port keeps its data in this directory (and not some other installation's). */
    private static boolean servesDataOf(int port, Path pgData) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "5");
        props.setProperty("socketTimeout", "10");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
             ResultSet rs = c.createStatement().executeQuery("show data_directory")) {
            return rs.next() && Files.isSameFile(Path.of(rs.getString(1)), pgData);
        } catch (SQLException | IOException | RuntimeException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Closing the data folder lock", e);
            }
        }
    }
}
