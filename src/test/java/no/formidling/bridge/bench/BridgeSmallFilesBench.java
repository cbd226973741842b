package no.formidling.bridge.bench;

import static no.formidling.bridge.BridgeTestSupport.inboundJob;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import no.formidling.bridge.RunView;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;

/** Many small files, folder → Broker → folder: files per second and CPU per file by thread group. */
class BridgeSmallFilesBench extends BridgeBenchBase {
    @Test
    void manySmallFilesFolderToBrokerToFolder() throws Exception {
        int count = Integer.getInteger("bench.files", 10_000);
        int size = Integer.getInteger("bench.fileKiB", 10) * 1024;
        Path out = Files.createDirectories(tmp.resolve("out"));
        Random random = new Random(1);
        byte[] bytes = new byte[size];
        for (int i = 0; i < count; i++) {
            random.nextBytes(bytes);
            Files.write(out.resolve("bench-%05d.dat".formatted(i)), bytes);
        }
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        Files.writeString(jobs.resolve("out.yml"), outboundJob("bench-out", port, out, "")
                .replace("checksum: true", "checksum: false").replace("chunkSize: 50, concurrency: 8", "chunkSize: 100, concurrency: " + concurrency));
        Files.writeString(jobs.resolve("in.yml"), inboundJob("bench-in", port, tmp.resolve("in"))
                .replace("chunkSize: 50, concurrency: 8", "chunkSize: 100, concurrency: " + concurrency));
        catalog.load(jobs);

        ThreadCpu cpu = ThreadCpu.start();
        long t0 = System.nanoTime();
        JobExecution sent = runner.run("bench-out", Instant.now(), "bench");
        long t1 = System.nanoTime();
        String outCpu = cpu.split(count);
        JobExecution received = runner.run("bench-in", Instant.now(), "bench");
        long t2 = System.nanoTime();
        String inCpu = cpu.split(count);
        cpu.stop();
        assertThat(sent.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(received.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunView.of(sent).written()).isEqualTo(count);
        assertThat(tmp.resolve("in").toFile().list()).hasSizeGreaterThanOrEqualTo(count);
        double outSec = (t1 - t0) / 1e9;
        double inSec = (t2 - t1) / 1e9;
        System.out.printf("%nBENCH small files: %d x %d KiB, concurrency %d: outbound %.1f s (%.1f files/s), inbound %.1f s (%.1f files/s), "
                        + "end to end %.1f files/s%n%n", count, size / 1024, concurrency, outSec, count / outSec, inSec, count / inSec,
                count / (outSec + inSec));
        System.out.printf("BENCH small files, CPU of this JVM per file by thread group: outbound %s; inbound %s; machine load average %.1f%n%n",
                outCpu, inCpu, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
