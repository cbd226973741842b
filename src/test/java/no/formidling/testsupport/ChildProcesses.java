package no.formidling.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for a server the tests start as a child process (clamd, Azurite, sshd) until it answers. */
public final class ChildProcesses {
    private ChildProcesses() {
    }

    /**
     * Waits until {@code ready} holds; fails at once, with the process's log, when the process exits first, and with
     * the log when it is not ready in time.
     */
    public static void awaitReady(String name, Process process, Path log, Duration atMost, Callable<Boolean> ready) {
        try {
            await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited: " + read(log));
                }
                return ready.call();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " did not answer within " + atMost + ": " + read(log), e);
        }
    }

    /** Whether something accepts connections on the loopback port. */
    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
