import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
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
 * One large file through TUS: initialize, POST (Upload-Length), PATCH in fixed chunks (each with Content-Length,
 * one reused buffer), until Published; then downloads it to a file. Prints key=value lines for the shell script.
 * A sampler reads the server's used heap (sum of heap pools) every 100 ms from /actuator/prometheus.
 *
 * <p>java TusBench.java &lt;baseUrl&gt; &lt;source file&gt; &lt;download file&gt; &lt;chunk bytes&gt;
 */
public class TusBench {
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path source = Path.of(args[1]);
        Path download = Path.of(args[2]);
        int chunk = Integer.parseInt(args[3]);
        long size = Files.size(source);
        String sender = token(base, "310000001", "altinn:broker.write altinn:broker.read");
        String recipient = token(base, "310000002", "altinn:broker.read");

        HeapSampler heap = new HeapSampler(base);
        heap.sampleOnce();
        long idle = heap.last.get();
        Thread sampler = new Thread(heap, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        HttpResponse<String> init = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer"))
                .header("Authorization", "Bearer " + sender).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fileName\":\"tus.bin\",\"resourceId\":\"formidling-demo\","
                        + "\"sender\":\"0192:310000001\",\"recipients\":[\"0192:310000002\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        expect(init, 200, "initialize");
        String id = field(init.body(), "fileTransferId");

        long t0 = System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/upload/tus/" + id))
                .header("Authorization", "Bearer " + sender).header("Tus-Resumable", "1.0.0").header("Upload-Length", Long.toString(size))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        expect(created, 201, "create");
        URI upload = URI.create(base).resolve(created.headers().firstValue("Location").orElseThrow());
        byte[] buffer = new byte[chunk];
        long offset = 0;
        long lastChunkNanos = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            while (offset < size) {
                ByteBuffer bb = ByteBuffer.wrap(buffer);
                while (bb.hasRemaining() && in.read(bb) > 0) {
                    // fill the chunk
                }
                int n = bb.position();
                long c0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(upload).header("Authorization", "Bearer " + sender)
                        .header("Tus-Resumable", "1.0.0").header("Content-Type", "application/offset+octet-stream")
                        .header("Upload-Offset", Long.toString(offset)).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(buffer, 0, n))
                        .build(), HttpResponse.BodyHandlers.ofString());
                expect(r, 204, "PATCH at " + offset);
                offset = Long.parseLong(r.headers().firstValue("Upload-Offset").orElseThrow());
                lastChunkNanos = System.nanoTime() - c0;
            }
        }
        long uploadNanos = System.nanoTime() - t0;
        long uploadPeak = heap.peak.get();
        String status = field(http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/" + id))
                .header("Authorization", "Bearer " + sender).GET().build(), HttpResponse.BodyHandlers.ofString()).body(), "fileTransferStatus");
        for (int i = 0; i < 600 && !status.equals("Published"); i++) {
            Thread.sleep(500);
            status = field(http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/" + id))
                    .header("Authorization", "Bearer " + sender).GET().build(), HttpResponse.BodyHandlers.ofString()).body(), "fileTransferStatus");
        }
        if (!status.equals("Published")) {
            throw new IllegalStateException("not published: " + status);
        }
        String overview = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/" + id))
                .header("Authorization", "Bearer " + sender).GET().build(), HttpResponse.BodyHandlers.ofString()).body();

        heap.resetPeak();
        long d0 = System.nanoTime();
        HttpResponse<Path> down = http.send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer/" + id + "/download"))
                .header("Authorization", "Bearer " + recipient).GET().build(), HttpResponse.BodyHandlers.ofFile(download));
        if (down.statusCode() != 200) {
            throw new IllegalStateException("download: HTTP " + down.statusCode());
        }
        try (FileChannel f = FileChannel.open(download, StandardOpenOption.WRITE)) {
            f.force(true);
        }
        long downloadNanos = System.nanoTime() - d0;
        long downloadPeak = heap.peak.get();
        heap.stop = true;

        System.out.println("fileTransferId=" + id);
        System.out.println("bytes=" + size);
        System.out.println("chunks=" + (size + chunk - 1) / chunk);
        System.out.println("uploadSeconds=" + secs(uploadNanos));
        System.out.println("lastChunkSeconds=" + secs(lastChunkNanos));
        System.out.println("downloadSeconds=" + secs(downloadNanos));
        System.out.println("serverChecksum=" + field(overview, "checksum"));
        System.out.println("idleHeapBytes=" + idle);
        System.out.println("uploadPeakHeapBytes=" + uploadPeak);
        System.out.println("downloadPeakHeapBytes=" + downloadPeak);
        System.out.println("heapSamples=" + heap.samples.get());
    }

    static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    static String token(String base, String orgNo, String scopes) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/GetEnterpriseToken?orgNo=" + orgNo
                + "&scopes=" + scopes.replace(" ", "%20") + "&ttl=7200")).GET().build(), HttpResponse.BodyHandlers.ofString());
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

    /** The server's used heap (all heap pools, garbage not yet collected included), every 100 ms. */
    static final class HeapSampler implements Runnable {
        static final Pattern LINE = Pattern.compile("(?m)^jvm_memory_used_bytes\\{([^}]*)\\}\\s+([0-9.eE+-]+)");
        final HttpRequest request;
        final AtomicLong last = new AtomicLong();
        final AtomicLong peak = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        volatile boolean stop;

        HeapSampler(String base) {
            request = HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).timeout(Duration.ofSeconds(5)).GET().build();
        }

        void resetPeak() {
            peak.set(last.get());
        }

        void sampleOnce() throws IOException, InterruptedException {
            Matcher m = LINE.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            double used = 0;
            while (m.find()) {
                if (m.group(1).contains("area=\"heap\"")) {
                    used += Double.parseDouble(m.group(2));
                }
            }
            last.set((long) used);
            peak.accumulateAndGet((long) used, Math::max);
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
                    // a missed sample is not fatal
                }
            }
        }
    }
}
