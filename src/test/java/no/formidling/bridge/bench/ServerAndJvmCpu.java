package no.formidling.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;

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
