package io.zonky.test.db.postgres.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * zonky's {@link EmbeddedPostgres}, stopped by the application instead of by the library's own JVM shutdown hook.
 *
 * <p>The library registers a hook that stops PostgreSQL as soon as the JVM begins to exit, in parallel with Spring's
 * own hook, so requests and Camunda's job executor lose their database while they are still being stopped. The hook
 * calls {@link #close()}; here that waits until the application has called {@link #stop()} (after everything using
 * the database has stopped), and only stops PostgreSQL itself when the application never does. The class lives in
 * the library's package because its constructor is package-private.
 */
public final class ApplicationStoppedPostgres extends EmbeddedPostgres {
    private static final Duration WAIT_FOR_APPLICATION = Duration.ofMinutes(2);
    private final CountDownLatch stoppedByApplication = new CountDownLatch(1);

    private ApplicationStoppedPostgres(File dataDirectory, Map<String, String> serverConfig, int port, Duration startupWait) throws IOException {
        super(null, dataDirectory, false, serverConfig, Map.of(), port, Map.of(), DefaultPostgresBinaryResolver.INSTANCE,
                ProcessBuilder.Redirect.PIPE, ProcessBuilder.Redirect.PIPE, startupWait, null);
    }

    /** Starts PostgreSQL on the data directory (initialised on first use) and waits until it answers. */
    public static ApplicationStoppedPostgres start(Path dataDirectory, int port, Map<String, String> serverConfig, Duration startupWait)
            throws IOException {
        Map<String, String> config = new HashMap<>(Map.of("timezone", "UTC", "max_connections", "300"));
        config.putAll(serverConfig);
        return new ApplicationStoppedPostgres(dataDirectory.toFile(), config, port, startupWait);
    }

    /** Stops PostgreSQL now; for the application, once nothing uses the database any more. */
    public void stop() throws IOException {
        try {
            super.close();
        } finally {
            stoppedByApplication.countDown();
        }
    }

    /** Also what the library's shutdown hook calls: lets the application stop first. */
    @Override
    public void close() throws IOException {
        // Null when the library's constructor failed after registering its hook: nobody else will stop it then.
        CountDownLatch application = stoppedByApplication;
        try {
            if (application != null && application.await(WAIT_FOR_APPLICATION.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close();
    }
}
