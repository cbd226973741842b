package no.formidling.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import no.formidling.testsupport.Clamd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Benchmark, not a test (run with -Dit.test=ScanBench): the cost of scanning a file with clamd over INSTREAM,
 * against a raw read of the same bytes in the same run. Size: -Dbench.scanMiB (default 1024).
 */
class ScanBench {
    @TempDir
    Path tmp;

    @Test
    void scanCostPerGiBAgainstARawRead() throws Exception {
        long mib = Long.getLong("bench.scanMiB", 1024);
        long size = mib * 1024 * 1024;
        Path file = tmp.resolve("random.bin");
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(1);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long i = 0; i < mib; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        try (Clamd clamd = Clamd.start(4000L * 1024 * 1024)) {
            ClamAvScanner scanner = new ClamAvScanner(new ClamAvProperties("127.0.0.1", clamd.port(), null, DataSize.ofMegabytes(4000),
                    DataSize.ofKilobytes(64), Duration.ofSeconds(5), Duration.ofMinutes(30)));
            for (int round = 1; round <= 2; round++) {
                long rawStart = System.nanoTime();
                long read = rawRead(file);
                double raw = (System.nanoTime() - rawStart) / 1e9;
                long scanStart = System.nanoTime();
                MalwareScanner.Verdict verdict;
                try (InputStream in = Files.newInputStream(file)) {
                    verdict = scanner.scan(in);
                }
                double scan = (System.nanoTime() - scanStart) / 1e9;
                assertThat(read).isEqualTo(size);
                assertThat(verdict).isEqualTo(MalwareScanner.Verdict.CLEAN);
                double gib = size / (1024.0 * 1024 * 1024);
                System.out.printf("BENCH scan round %d: %d MiB, raw read %.2f s (%.0f MB/s), clamd INSTREAM scan %.2f s (%.0f MB/s, %.1f s/GiB), scan/raw %.1fx%n",
                        round, mib, raw, size / raw / 1e6, scan, size / scan / 1e6, scan / gib, scan / raw);
            }
        }
    }

    private static long rawRead(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                total += n;
            }
        }
        return total;
    }
}
