import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One large file through the Broker API: initialize, upload (body streamed from a file), download (body
 * streamed to a file, then fsync), confirm. Prints key=value lines for broker-streaming.sh; the script does the
 * raw-copy baseline, the MD5 check and the ratios.
 *
 * <p>While the bytes move, a daemon thread samples the server's heap every 100 ms from the public
 * {@code /actuator/prometheus} endpoint (sum of {@code jvm_memory_used_bytes{area="heap"}} over the pools).
 *
 * <p>Run by broker-streaming.sh; by hand: {@code java StreamingBench.java <baseUrl> <sourceFile> <downloadFile>}.
 * JDK 17+, no dependencies.
 */
public class StreamingBench {
    static final String SENDER_ORG = System.getProperty("sender", "310000001");
    static final String RECIPIENT_ORG = System.getProperty("recipient", "310000002");
    static final String RESOURCE = System.getProperty("resource", "formidling-demo");

    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java StreamingBench.java <baseUrl> <sourceFile> <downloadFile>");
            System.exit(2);
        }
        String base = args[0].replaceAll("/+$", "");
        Path source = Path.of(args[1]);
        Path target = Path.of(args[2]);
        long size = Files.size(source);

        String senderToken = token(base, SENDER_ORG, "altinn:broker.write altinn:broker.read");
        String recipientToken = token(base, RECIPIENT_ORG, "altinn:broker.read");

        HeapSampler heap = new HeapSampler(base);
        heap.sampleOnce();
        long idleHeap = heap.last.get();
        Thread sampler = new Thread(heap, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        // Initialize
        String init = """
                {"fileName":"%s","resourceId":"%s","sender":"0192:%s","recipients":["0192:%s"],"sendersFileTransferReference":"bench"}
                """.formatted(source.getFileName(), RESOURCE, SENDER_ORG, RECIPIENT_ORG);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer"))
                .header("Authorization", "Bearer " + senderToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(init)).build(), HttpResponse.BodyHandlers.ofString());
        expect(r, 200, "initialize");
        String id = field(r.body(), "fileTransferId");
        System.out.println("fileTransferId=" + id);

        // Baseline for the upload: MD5 of the same bytes in this JVM (same JDK as the server), the one cost the upload
        // cannot shed. Best of two passes over the hot file, the first also warming the JIT.
        long md5Nanos = Long.MAX_VALUE;
        long md5CpuNanos = Long.MAX_VALUE;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < 2; pass++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            md5Nanos = Math.min(md5Nanos, md5Nanos(source));
            // CPU time does not grow with the machine's load the way wall time does: the fairer figure on a busy VM.
            md5CpuNanos = Math.min(md5CpuNanos, threads.getCurrentThreadCpuTime() - cpu0);
        }

        // Upload: the body publisher reads the file in chunks; nothing is held in memory.
        heap.resetPeak();
        double serverCpu0 = serverCpuSeconds(), clientCpu0 = clientCpuSeconds();
        AtomicLong sentAt = new AtomicLong();
        HttpRequest.BodyPublisher file = HttpRequest.BodyPublishers.ofFile(source);
        long t0 = System.nanoTime();
        long uploadStart = t0;
        r = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/" + id + "/upload"))
                .header("Authorization", "Bearer " + senderToken)
                .header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(10))
                .POST(new TimedPublisher(file, sentAt)).build(), HttpResponse.BodyHandlers.ofString());
        long uploadNanos = System.nanoTime() - t0;
        expect(r, 200, "upload");
        long uploadPeakHeap = heap.peak.get();
        double serverCpu1 = serverCpuSeconds(), clientCpu1 = clientCpuSeconds();

        // Overview: Published (synchronously with scanner 'none'; poll briefly in case a scanner is configured).
        String status = "";
        String checksum = "";
        for (int i = 0; i < 600; i++) {
            r = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/" + id))
                    .header("Authorization", "Bearer " + senderToken).GET().build(), HttpResponse.BodyHandlers.ofString());
            expect(r, 200, "overview");
            status = field(r.body(), "fileTransferStatus");
            checksum = field(r.body(), "checksum");
            if (status.equals("Published") || status.equals("Failed")) {
                break;
            }
            Thread.sleep(100);
        }
        System.out.println("statusAfterUpload=" + status);
        System.out.println("serverChecksum=" + checksum);
        if (!status.equals("Published")) {
            throw new IllegalStateException("transfer not Published after upload: " + status);
        }

        // Download straight to a file, then force it to disk (the baseline copy is fsynced too).
        heap.resetPeak();
        Files.deleteIfExists(target);
        double serverCpu2 = serverCpuSeconds(), clientCpu2 = clientCpuSeconds();
        t0 = System.nanoTime();
        HttpResponse<Path> d = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/" + id + "/download"))
                .header("Authorization", "Bearer " + recipientToken)
                .timeout(Duration.ofMinutes(10))
                .GET().build(), HttpResponse.BodyHandlers.ofFile(target));
        if (d.statusCode() != 200) {
            throw new IllegalStateException("download: HTTP " + d.statusCode());
        }
        long receivedNanos = System.nanoTime() - t0;
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        long downloadNanos = System.nanoTime() - t0;
        long downloadPeakHeap = heap.peak.get();
        double serverCpu3 = serverCpuSeconds(), clientCpu3 = clientCpuSeconds();
        heap.stop = true;

        r = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/" + id + "/confirmdownload"))
                .header("Authorization", "Bearer " + recipientToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(r, 200, "confirmdownload");

        System.out.println("bytes=" + size);
        System.out.println("downloadedBytes=" + Files.size(target));
        System.out.println("md5Seconds=" + secs(md5Nanos));
        System.out.println("md5CpuSeconds=" + secs(md5CpuNanos));
        System.out.println("uploadSeconds=" + secs(uploadNanos));
        System.out.println("downloadSeconds=" + secs(downloadNanos));
        System.out.println("uploadSendSeconds=" + secs(sentAt.get() - uploadStart));
        System.out.println("downloadReceiveSeconds=" + secs(receivedNanos));
        System.out.println("uploadServerCpuSeconds=" + fmt(serverCpu1 - serverCpu0));
        System.out.println("uploadClientCpuSeconds=" + fmt(clientCpu1 - clientCpu0));
        System.out.println("downloadServerCpuSeconds=" + fmt(serverCpu3 - serverCpu2));
        System.out.println("downloadClientCpuSeconds=" + fmt(clientCpu3 - clientCpu2));
        System.out.println("idleHeapBytes=" + idleHeap);
        System.out.println("uploadPeakHeapBytes=" + uploadPeakHeap);
        System.out.println("downloadPeakHeapBytes=" + downloadPeakHeap);
        System.out.println("peakHeapBytes=" + Math.max(uploadPeakHeap, downloadPeakHeap));
        System.out.println("heapSamples=" + heap.samples.get());
        System.out.println("heapMaxBytes=" + heap.max.get());
    }

    static final long SERVER_PID = Long.getLong("server.pid", -1);

    /** Time to read the file in 1 MiB pieces and MD5 it (the file is in the page cache: this is the digest's speed). */
    static long md5Nanos(Path file) throws IOException, java.security.NoSuchAlgorithmException {
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        byte[] buffer = new byte[1 << 20];
        long t0 = System.nanoTime();
        try (var in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        }
        md5.digest();
        return System.nanoTime() - t0;
    }

    /** user+sys CPU seconds of the server process (Linux /proc), or NaN when unknown. */
    static double serverCpuSeconds() {
        if (SERVER_PID <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + SERVER_PID + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in USER_HZ (100 on Linux)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static double clientCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Passes the body through and records when its last byte was handed to the connection. */
    record TimedPublisher(HttpRequest.BodyPublisher delegate, AtomicLong doneAt) implements HttpRequest.BodyPublisher {
        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> s) {
            delegate.subscribe(new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
                public void onSubscribe(java.util.concurrent.Flow.Subscription sub) { s.onSubscribe(sub); }
                public void onNext(java.nio.ByteBuffer item) { s.onNext(item); }
                public void onError(Throwable t) { s.onError(t); }
                public void onComplete() { doneAt.set(System.nanoTime()); s.onComplete(); }
            });
        }
    }

    static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    static String token(String base, String orgNo, String scopes) throws IOException, InterruptedException {
        String q = "orgNo=" + orgNo + "&scopes=" + scopes.replace(" ", "%20") + "&ttl=3600";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/GetEnterpriseToken?" + q)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        expect(r, 200, "token");
        return r.body().trim();
    }

    static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|null|[-0-9.]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** Samples the server's used heap (all heap pools) every 100 ms from /actuator/prometheus. */
    static final class HeapSampler implements Runnable {
        static final Pattern LINE = Pattern.compile("(?m)^jvm_memory_used_bytes\\{([^}]*)\\}\\s+([0-9.eE+-]+)");
        final HttpRequest request;
        final AtomicLong last = new AtomicLong();
        final AtomicLong peak = new AtomicLong();
        final AtomicLong max = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        volatile boolean stop;

        HeapSampler(String base) {
            // Only the one metric: a full scrape every 100 ms made most of the garbage the figure is meant to rule out.
            request = HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus?includedNames=jvm_memory_used_bytes")).timeout(Duration.ofSeconds(5)).GET().build();
        }

        void resetPeak() {
            peak.set(last.get());
        }

        void sampleOnce() throws IOException, InterruptedException {
            String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = LINE.matcher(body);
            double used = 0;
            boolean any = false;
            while (m.find()) {
                if (m.group(1).contains("area=\"heap\"")) {
                    used += Double.parseDouble(m.group(2));
                    any = true;
                }
            }
            if (!any) {
                throw new IllegalStateException("no jvm_memory_used_bytes{area=\"heap\"} in /actuator/prometheus");
            }
            long v = (long) used;
            last.set(v);
            peak.accumulateAndGet(v, Math::max);
            max.accumulateAndGet(v, Math::max);
            samples.incrementAndGet();
        }

        @Override
        public void run() {
            while (!stop) {
                try {
                    sampleOnce();
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // a missed sample is not fatal; keep sampling
                }
            }
        }
    }
}
