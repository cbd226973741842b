package no.formidling.bridge.bench;

import java.util.concurrent.TimeUnit;

/**
 * CPU time of this JVM's threads, summed by what they do: the bridge's workers and HTTP client, the server's
 * request threads (Tomcat), and the rest (Camunda's job executor, GC is not a Java thread and not counted).
 * Threads come and go (a run's worker pool ends with it), so a sampler keeps the last figure of every thread.
 */
final class ThreadCpu {
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
