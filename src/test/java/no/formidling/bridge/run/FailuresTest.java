package no.formidling.bridge.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.NoSuchAlgorithmException;
import org.junit.jupiter.api.Test;

/** The one line an operator reads about a failure (run view, .error.json): outer message and root cause. */
class FailuresTest {

    @Test
    void theRootCauseIsNamedAfterTheOuterMessage() {
        Exception failure = new IllegalStateException("Failed to obtain pooled item",
                new IllegalStateException("failed to create SFTP Session",
                        new IOException("Cannot load private key: client_key",
                                new NoSuchAlgorithmException("Unsupported key type (ssh-ed25519) in file [/keys/client_key]"))));
        assertThat(Failures.sentence(failure))
                .isEqualTo("Failed to obtain pooled item: Unsupported key type (ssh-ed25519) in file [/keys/client_key]");
    }

    @Test
    void aMessageThatAlreadySaysTheCauseIsNotRepeated() {
        Exception failure = new UncheckedIOException("GET /x failed: Connection refused", new IOException("Connection refused"));
        assertThat(Failures.sentence(failure)).isEqualTo("GET /x failed: Connection refused");
        assertThat(Failures.sentence(new IllegalStateException(new java.net.ConnectException())))
                .as("a cause without message is named by its type").isEqualTo("java.net.ConnectException");
    }

    @Test
    void storedStackTracesAndLongTextsBecomeOneShortLine() {
        StringWriter trace = new StringWriter();
        new IllegalStateException("Failed to obtain pooled item", new IOException("boom")).printStackTrace(new PrintWriter(trace));
        assertThat(Failures.oneLine(trace.toString())).isEqualTo("java.lang.IllegalStateException: Failed to obtain pooled item");
        String longText = "line one\nline two " + "x".repeat(1000);
        assertThat(Failures.oneLine(longText)).startsWith("line one line two").hasSize(Failures.MAX_LENGTH).endsWith("…");
        assertThat(Failures.oneLine(null)).isNull();
    }
}
