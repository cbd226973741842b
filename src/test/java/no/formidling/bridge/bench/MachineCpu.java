package no.formidling.bridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Busy cores of the whole machine (all processes: sshd, PostgreSQL, others' builds) from /proc/stat. */
final class MachineCpu {
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
