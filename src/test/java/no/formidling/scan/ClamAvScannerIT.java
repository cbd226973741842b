package no.formidling.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import no.formidling.testsupport.Clamd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The INSTREAM client against a real clamd, without the server around it. */
class ClamAvScannerIT {
    static final long CLAMD_LIMIT = 256 * 1024;
    static Clamd clamd;

    @BeforeAll
    static void start() throws Exception {
        clamd = Clamd.start(CLAMD_LIMIT);
    }

    @AfterAll
    static void stop() throws Exception {
        clamd.close();
    }

    static ClamAvScanner scanner(long streamMaxLength) {
        return new ClamAvScanner(new ClamAvProperties("127.0.0.1", clamd.port(), null, DataSize.ofBytes(streamMaxLength),
                DataSize.ofKilobytes(16), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    /** Bytes made up as they are read, so nothing holds the whole file. */
    static InputStream zeros(long length) {
        return new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void eicarIsFoundAndNamed() throws IOException {
        var verdict = scanner(CLAMD_LIMIT).scan(new ByteArrayInputStream(Clamd.EICAR.getBytes(StandardCharsets.US_ASCII)));
        assertThat(verdict.infected()).isTrue();
        assertThat(verdict.detail()).startsWith("Malicious.").contains(Clamd.EICAR_SIGNATURE);
    }

    @Test
    void cleanBytesUpToTheLimitPassInManyChunks() throws IOException {
        var verdict = scanner(CLAMD_LIMIT).scan(zeros(CLAMD_LIMIT));
        assertThat(verdict).isEqualTo(MalwareScanner.Verdict.CLEAN);
    }

    @Test
    void aStreamOverOurLimitIsNotScannedAndNotClean() throws IOException {
        var verdict = scanner(CLAMD_LIMIT).scan(zeros(CLAMD_LIMIT + 1));
        assertThat(verdict.infected()).as("must not be published").isTrue();
        assertThat(verdict.detail()).startsWith("Not scanned.");
    }

    @Test
    void clamdRefusingAStreamOverItsOwnLimitIsNotScannedEither() throws IOException {
        // Configured higher than clamd really accepts: clamd's own refusal is understood.
        var verdict = scanner(CLAMD_LIMIT * 8).scan(zeros(CLAMD_LIMIT * 4));
        assertThat(verdict.infected()).isTrue();
        assertThat(verdict.detail()).startsWith("Not scanned.").contains("clamd's StreamMaxLength");
    }

    @Test
    void pingSaysWhetherClamdAnswers() throws IOException {
        scanner(CLAMD_LIMIT).ping(Duration.ofSeconds(2));
        ClamAvScanner nowhere = new ClamAvScanner(new ClamAvProperties("127.0.0.1", 1, null, DataSize.ofMegabytes(1),
                DataSize.ofKilobytes(16), Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> nowhere.ping(Duration.ofSeconds(1))).isInstanceOf(IOException.class);
    }

    @Test
    void anUnreachableScannerIsAnErrorNotAVerdict() {
        ClamAvScanner nowhere = new ClamAvScanner(new ClamAvProperties("127.0.0.1", 1, null, DataSize.ofMegabytes(1),
                DataSize.ofKilobytes(16), Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThatThrownBy(() -> nowhere.scan(new ByteArrayInputStream(new byte[10]))).isInstanceOf(IOException.class);
    }
}
