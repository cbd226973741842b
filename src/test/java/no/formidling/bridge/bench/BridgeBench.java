package no.formidling.bridge.bench;

import static no.formidling.bridge.BridgeTestSupport.RECIPIENT;
import static no.formidling.bridge.BridgeTestSupport.SENDER;
import static no.formidling.bridge.BridgeTestSupport.inboundJob;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.SftpServers;
import no.formidling.bridge.run.BridgeRunner;
import no.formidling.bridge.run.JobCatalog;
import no.formidling.bridge.run.RunView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Benchmarks with printed figures, no thresholds: many small files folder → Broker → folder, and one big file
 * SFTP → Broker against the OpenSSH sftp client fetching the same file from the same server in the same run.
 * Sizes: -Dbench.files (10000), -Dbench.fileKiB (10), -Dbench.bigMiB (1024).
 */
@BridgeIntegrationTest
class BridgeBench {
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @TempDir
    Path tmp;

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

    /**
     * CPU time of this JVM's threads, summed by what they do: the bridge's workers and HTTP client, the server's
     * request threads (Tomcat), and the rest (Camunda's job executor, GC is not a Java thread and not counted).
     * Threads come and go (a run's worker pool ends with it), so a sampler keeps the last figure of every thread.
     */
    static final class ThreadCpu {
        private final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        private final java.util.Map<Long, long[]> last = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Map<String, Long> reported = new java.util.HashMap<>();
        private final java.util.concurrent.ScheduledExecutorService sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        static ThreadCpu start() {
            ThreadCpu c = new ThreadCpu();
            c.sample();
            c.last.forEach((id, v) -> v[1] = v[0]); // what threads used before the run does not count
            c.sampler.scheduleAtFixedRate(c::sample, 200, 200, TimeUnit.MILLISECONDS);
            return c;
        }

        private synchronized void sample() {
            for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t == null) {
                    continue;
                }
                long ns = mx.getThreadCpuTime(t.getThreadId());
                if (ns >= 0) {
                    last.computeIfAbsent(t.getThreadId(), id -> new long[] {0, 0})[0] = ns;
                    names.put(t.getThreadId(), t.getThreadName());
                }
            }
        }

        private static String group(String thread) {
            if (thread.startsWith("bridge-") || thread.startsWith("HttpClient")) {
                return "bridge";
            }
            if (thread.startsWith("sshd-")) {
                return "SFTP client";
            }
            if (thread.startsWith("blob-copy")) {
                return "server blob copy";
            }
            return thread.startsWith("http-nio") ? "server requests" : "other";
        }

        /** s of CPU since the last split, by group, and the whole machine's busy cores over the same time. */
        synchronized String seconds(MachineCpu machine) {
            String split = split(1).replace(" ms", "");
            StringBuilder out = new StringBuilder();
            for (String part : split.split(", ")) {
                int space = part.lastIndexOf(' ');
                out.append(out.isEmpty() ? "" : ", ").append(part, 0, space).append(" %.2f s".formatted(Double.parseDouble(part.substring(space + 1)) / 1000));
            }
            return out + "; " + machine.busy();
        }

        /** ms of CPU per file since the last split, by group. */
        synchronized String split(int files) {
            sample();
            java.util.Map<String, Long> now = new java.util.TreeMap<>();
            last.forEach((id, v) -> now.merge(group(names.get(id)), v[0] - v[1], Long::sum));
            StringBuilder out = new StringBuilder();
            now.forEach((group, ns) -> {
                long since = ns - reported.getOrDefault(group, 0L);
                reported.put(group, ns);
                out.append(out.isEmpty() ? "" : ", ").append("%s %.1f ms".formatted(group, since / 1e6 / files));
            });
            return out.toString();
        }

        void stop() {
            sampler.shutdownNow();
        }
    }

    /** CPU of the SFTP server's processes and of this whole JVM (GC and JIT threads too) since {@link #start()}. */
    record ServerAndJvmCpu(double sshd, double jvm) {
        static ServerAndJvmCpu start() {
            return new ServerAndJvmCpu(sshdSeconds(), jvmSeconds());
        }

        String since() {
            return "sshd + sftp-server %.2f s, this JVM in all (GC and JIT too) %.2f s".formatted(sshdSeconds() - sshd, jvmSeconds() - jvm);
        }

        private static double jvmSeconds() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
        }

        /**
         * CPU-seconds of every sshd process and its reaped children (the sessions' sshd and sftp-server), from /proc: read
         * between sessions, the master sshd's children's time holds the whole of each finished session.
         */
        private static double sshdSeconds() {
            double ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path proc : (Iterable<Path>) procs::iterator) {
                    try {
                        String stat = Files.readString(proc.resolve("stat"));
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        if (comm.equals("sshd") || comm.equals("sftp-server")) {
                            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                        }
                    } catch (Exception gone) {
                        // not a process, or it ended while being read
                    }
                }
            } catch (java.io.IOException e) {
                return Double.NaN;
            }
            return ticks / 100.0; // USER_HZ
        }
    }

    /** Busy cores of the whole machine (all processes: sshd, PostgreSQL, others' builds) from /proc/stat. */
    static final class MachineCpu {
        private long[] last = read();

        private static long[] read() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total, idle};
            } catch (Exception e) {
                return new long[] {0, 0};
            }
        }

        String busy() {
            long[] now = read();
            long total = now[0] - last[0];
            double busy = total == 0 ? 0 : 1 - (double) (now[1] - last[1]) / total;
            last = now;
            return "machine %.0f %% busy of %d cores".formatted(busy * 100, Runtime.getRuntime().availableProcessors());
        }
    }

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
}
