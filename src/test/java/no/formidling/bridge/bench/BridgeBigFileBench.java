package no.formidling.bridge.bench;

import static no.formidling.bridge.BridgeTestSupport.RECIPIENT;
import static no.formidling.bridge.BridgeTestSupport.SENDER;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import no.formidling.bridge.SftpServers;
import no.formidling.bridge.RunView;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.JobExecution;

/**
 * One big file SFTP → Broker against the OpenSSH sftp client fetching the same file from the same server in the same
 * run, with the SFTP read alone and a local folder → Broker for comparison.
 */
class BridgeBigFileBench extends BridgeBenchBase {
    @Test
    void oneBigFileSftpToBrokerAgainstTheOpenSshClient() throws Exception {
        long mib = Integer.getInteger("bench.bigMiB", 1024);
        try (SftpServers.Server sshd = SftpServers.openSsh(tmp.resolve("sshd"))) {
            Path big = sshd.localDirectory().resolve("big.bin");
            byte[] block = new byte[1024 * 1024];
            new Random(2).nextBytes(block);
            try (OutputStream o = Files.newOutputStream(big)) {
                for (int i = 0; i < mib; i++) {
                    block[i % block.length] ^= 1;
                    o.write(block);
                }
            }
            // Baseline: OpenSSH's sftp client fetches the file from the same server to local disk, before and after the bridge.
            MachineCpu baselineMachine = new MachineCpu();
            ServerAndJvmCpu baselineProcesses = ServerAndJvmCpu.start();
            double baselineSec = openSshGet(sshd, big, mib);
            String baselineBusy = baselineMachine.busy() + ", " + baselineProcesses.since();

            // The SFTP read alone, with the bridge's own SftpFolder (its cipher order and read-ahead), into nothing: first in
            // this JVM (code not yet compiled), then again.
            var location = new no.formidling.bridge.config.JobDefinition.Location(no.formidling.bridge.config.JobDefinition.LocationType.sftp,
                    sshd.directory(), "big.bin", new no.formidling.bridge.config.JobDefinition.Sftp("127.0.0.1", sshd.port(), sshd.user(), null,
                    sshd.clientKey().toString(), null, sshd.knownHosts().toString(), true));
            ThreadCpu readCpu = ThreadCpu.start();
            MachineCpu readMachine = new MachineCpu();
            double readCold = readAlone(location, mib);
            readCpu.seconds(readMachine);
            ServerAndJvmCpu readWarmProcesses = ServerAndJvmCpu.start();
            double readWarm = readAlone(location, mib);
            String readWarmCpu = readCpu.seconds(readMachine) + ", " + readWarmProcesses.since();
            readCpu.stop();
            System.out.printf("%nBENCH big file: %d MiB SFTP read alone (bridge's SFTP client, bytes dropped) %.1f s = %.1f MB/s; again %.1f s = %.1f MB/s "
                            + "(CPU of this JVM: %s; the reading thread is in other); OpenSSH sftp get before the bridge: %s%n",
                    mib, readCold, mib * 1.048576 / readCold, readWarm, mib * 1.048576 / readWarm, readWarmCpu, baselineBusy);

            Path jobs = Files.createDirectories(tmp.resolve("jobs"));
            List<String> warmRuns = List.of("big2", "big3", "big4");
            for (String name : warmRuns) {
                Files.createLink(sshd.localDirectory().resolve(name + ".bin"), big);
            }
            for (String name : java.util.stream.Stream.concat(java.util.stream.Stream.of("big"), warmRuns.stream()).toList()) {
                Files.writeString(jobs.resolve(name + ".yml"), """
                        name: bench-sftp-%s
                        direction: outbound
                        schedule: {cron: "0 0 2 * * *"}
                        source:
                          type: sftp
                          directory: %s
                          pattern: %s.bin
                          sftp: {host: 127.0.0.1, port: %d, user: %s, privateKey: "%s", knownHosts: "%s"}
                        broker:
                          baseUrl: http://localhost:%d
                          resourceId: formidling-demo
                          sender: "0192:%s"
                          recipients: {static: ["0192:%s"]}
                          auth: {type: dev, orgNo: "%s"}
                        limits: {concurrency: 1}
                        """.formatted(name, sshd.directory(), name, sshd.port(), sshd.user(), sshd.clientKey(), sshd.knownHosts(), port, SENDER,
                        RECIPIENT, SENDER));
            }
            // The same file from a local folder: what the upload costs without SFTP.
            Path local = Files.createDirectories(tmp.resolve("local"));
            Files.createLink(local.resolve("big.bin"), big);
            Files.writeString(jobs.resolve("local.yml"), outboundJob("bench-local-big", port, local, "")
                    .replace("checksum: true", "checksum: false").replace("concurrency: 8", "concurrency: 1"));
            catalog.load(jobs);

            // SFTP -> Broker first as the first big upload of this JVM (its upload path not yet compiled), then local folder
            // -> Broker, then SFTP -> Broker three times more: the figure of a bridge that has been running is their median.
            // (The JIT still compiles the server's code for a minute after start-up, on the same two cores.)
            ThreadCpu cpu = ThreadCpu.start();
            MachineCpu machine = new MachineCpu();
            double bridgeCold = timeJob("bench-sftp-big");
            String coldCpu = cpu.seconds(machine);
            double localSec = timeJob("bench-local-big");
            String localCpu = cpu.seconds(machine);
            double[] warmSec = new double[warmRuns.size()];
            for (int i = 0; i < warmRuns.size() - 1; i++) {
                warmSec[i] = timeJob("bench-sftp-" + warmRuns.get(i));
            }
            cpu.seconds(machine);
            ServerAndJvmCpu lastRunProcesses = ServerAndJvmCpu.start();
            warmSec[warmRuns.size() - 1] = timeJob("bench-sftp-" + warmRuns.get(warmRuns.size() - 1));
            double bridgeSec = java.util.Arrays.stream(warmSec).sorted().toArray()[warmSec.length / 2];
            String sftpCpu = cpu.seconds(machine) + ", " + lastRunProcesses.since();
            cpu.stop();
            double baselineAfter = openSshGet(sshd, sshd.localDirectory().resolve("archive/big2.bin"), mib);
            String warmTimes = java.util.Arrays.stream(warmSec).mapToObj("%.1f s"::formatted).collect(java.util.stream.Collectors.joining(", "));
            double baseline = Math.min(baselineSec, baselineAfter);
            System.out.printf("%nBENCH big file: %d MiB local folder -> Broker %.1f s = %.1f MB/s%n", mib, localSec, mib * 1.048576 / localSec);
            System.out.printf("%nBENCH big file: OpenSSH sftp get before the bridge %.1f s = %.1f MB/s, after %.1f s = %.1f MB/s; the faster one is the baseline%n",
                    baselineSec, mib * 1.048576 / baselineSec, baselineAfter, mib * 1.048576 / baselineAfter);
            System.out.printf("BENCH big file: %d MiB SFTP -> Broker as the JVM's first big upload %.1f s = %.1f MB/s; ratio %.2f%n", mib, bridgeCold,
                    mib * 1.048576 / bridgeCold, baseline / bridgeCold);
            System.out.printf("BENCH big file: %d MiB SFTP -> Broker %.1f s = %.1f MB/s (median of %s); OpenSSH sftp get from the same server %.1f s = %.1f MB/s; "
                            + "ratio %.2f%n%n", mib, bridgeSec, mib * 1.048576 / bridgeSec, warmTimes, baseline, mib * 1.048576 / baseline,
                    baseline / bridgeSec);
            System.out.printf("BENCH big file, CPU of this JVM by thread group: last SFTP -> Broker %s; local folder -> Broker %s; first SFTP -> Broker %s; "
                            + "machine load average %.1f%n%n", sftpCpu, localCpu, coldCpu,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private double timeJob(String name) {
        long t0 = System.nanoTime();
        JobExecution run = runner.run(name, Instant.now(), "bench");
        double sec = (System.nanoTime() - t0) / 1e9;
        assertThat(RunView.of(run).written()).as(name).isEqualTo(1);
        return sec;
    }

    private double openSshGet(SftpServers.Server sshd, Path big, long mib) throws Exception {
        Path batch = Files.writeString(tmp.resolve("batch"), "get " + big + " " + tmp.resolve("copy.bin") + "\n");
        long b0 = System.nanoTime();
        Process sftp = new ProcessBuilder("sftp", "-q", "-b", batch.toString(), "-i", sshd.clientKey().toString(),
                "-o", "UserKnownHostsFile=" + sshd.knownHosts(), "-o", "StrictHostKeyChecking=yes", "-P", Integer.toString(sshd.port()),
                sshd.user() + "@127.0.0.1").inheritIO().start();
        assertThat(sftp.waitFor(30, TimeUnit.MINUTES)).isTrue();
        assertThat(sftp.exitValue()).isZero();
        double sec = (System.nanoTime() - b0) / 1e9;
        assertThat(tmp.resolve("copy.bin")).hasSize(mib * 1024 * 1024);
        Files.delete(tmp.resolve("copy.bin"));
        return sec;
    }

    private static double readAlone(no.formidling.bridge.config.JobDefinition.Location location, long mib) throws Exception {
        long r0 = System.nanoTime();
        try (var folder = new no.formidling.bridge.endpoint.SftpFolder(location, 1); var in = folder.openRead("big.bin")) {
            // Reads of the size the bridge's upload makes (transferTo's 8 KiB reads are much slower on MINA's stream).
            byte[] piece = new byte[256 * 1024];
            long total = 0;
            for (int n = in.read(piece); n >= 0; n = in.read(piece)) {
                total += n;
            }
            assertThat(total).isEqualTo(mib * 1024 * 1024);
        }
        return (System.nanoTime() - r0) / 1e9;
    }
}
