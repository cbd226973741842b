import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load on the Broker API: N workers, each repeating a full small-file lifecycle
 * (initialize → upload 1 KiB → overview until Published → download → confirm) until the time is up;
 * a worker finishes the lifecycle it is in, so every counted commit belongs to a counted lifecycle.
 * Mode {@code health} instead repeats GET /health (the same-run baseline); mode {@code overview} creates one
 * published transfer and repeats GET /filetransfer/{id} on it (reads only); mode {@code search} repeats the sender's
 * search of the resource (GET /filetransfer?resourceId=..., newest 100 ids). Prints key=value lines.
 *
 * <p>{@code java LifecycleBench.java <baseUrl> <lifecycle|health|overview|search> <concurrency> <seconds>}; JDK 17+, no dependencies.
 * {@code -Dserver.pid=<pid>} adds the server's CPU seconds (Linux /proc).
 */
public class LifecycleBench {
    static final String SENDER_ORG = System.getProperty("sender", "310000001");
    static final String RECIPIENT_ORG = System.getProperty("recipient", "310000002");
    static final String RESOURCE = System.getProperty("resource", "formidling-demo");
    static final int FILE_BYTES = Integer.getInteger("fileBytes", 1024);
    static final long SERVER_PID = Long.getLong("server.pid", -1);
    static final Pattern ID = Pattern.compile("\"fileTransferId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STATUS = Pattern.compile("\"fileTransferStatus\"\\s*:\\s*\"([^\"]+)\"");

    static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    static String base;
    static String senderToken;
    static String recipientToken;
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong overviewPolls = new AtomicLong();
    static final AtomicLong errors = new AtomicLong();

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java LifecycleBench.java <baseUrl> <lifecycle|health|overview|search> <concurrency> <seconds>");
            System.exit(2);
        }
        base = args[0].replaceAll("/+$", "");
        String mode = args[1];
        int concurrency = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        if (!List.of("lifecycle", "health", "overview", "search").contains(mode)) {
            throw new IllegalArgumentException("mode must be lifecycle, health, overview or search");
        }
        senderToken = token(SENDER_ORG, "altinn:broker.write altinn:broker.read");
        recipientToken = token(RECIPIENT_ORG, "altinn:broker.read");
        String published = mode.equals("overview") ? publishedTransfer() : null;

        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        double serverCpu0 = serverCpuSeconds();
        double clientCpu0 = clientCpuSeconds();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Thread t = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try {
                        if (mode.equals("health")) {
                            health();
                        } else if (mode.equals("search")) {
                            send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer?resourceId=" + RESOURCE))
                                    .header("Authorization", "Bearer " + senderToken).GET(), 200);
                        } else if (published != null) {
                            send(HttpRequest.newBuilder(URI.create(published)).header("Authorization", "Bearer " + senderToken).GET(), 200);
                        } else {
                            lifecycle();
                        }
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 5) {
                            System.err.println("error: " + e);
                        }
                        continue;
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - t0;
                }
                latencies.add(Arrays.copyOf(mine, n));
            }, "worker-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double serverCpu = serverCpuSeconds() - serverCpu0;
        double clientCpu = clientCpuSeconds() - clientCpu0;

        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long done = all.length;
        System.out.println("mode=" + mode);
        System.out.println("concurrency=" + concurrency);
        System.out.println("seconds=" + f(elapsed));
        System.out.println("completed=" + done);
        System.out.println("perSecond=" + f(done / elapsed));
        System.out.println("requests=" + requests.get());
        System.out.println("requestsPerSecond=" + f(requests.get() / elapsed));
        System.out.println("overviewPolls=" + overviewPolls.get());
        System.out.println("errors=" + errors.get());
        System.out.println("p50ms=" + f(pct(all, 0.50) / 1e6));
        System.out.println("p95ms=" + f(pct(all, 0.95) / 1e6));
        System.out.println("p99ms=" + f(pct(all, 0.99) / 1e6));
        System.out.println("serverCpuSeconds=" + f(serverCpu));
        System.out.println("clientCpuSeconds=" + f(clientCpu));
        if (errors.get() > 0) {
            System.exit(1);
        }
    }

    static void health() throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(URI.create(base + "/health")).GET(), 200);
    }

    static void lifecycle() throws IOException, InterruptedException {
        byte[] content = new byte[FILE_BYTES];
        ThreadLocalRandom.current().nextBytes(content);
        String init = """
                {"fileName":"bench.bin","resourceId":"%s","sender":"0192:%s","recipients":["0192:%s"],"sendersFileTransferReference":"bench"}
                """.formatted(RESOURCE, SENDER_ORG, RECIPIENT_ORG);
        String body = send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer"))
                .header("Authorization", "Bearer " + senderToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(init)), 200);
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no fileTransferId in " + body);
        }
        String transfer = base + "/broker/api/v1/filetransfer/" + m.group(1);
        send(HttpRequest.newBuilder(URI.create(transfer + "/upload"))
                .header("Authorization", "Bearer " + senderToken)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)), 200);
        for (int i = 0; ; i++) {
            overviewPolls.incrementAndGet();
            String overview = send(HttpRequest.newBuilder(URI.create(transfer))
                    .header("Authorization", "Bearer " + senderToken).GET(), 200);
            Matcher s = STATUS.matcher(overview);
            String status = s.find() ? s.group(1) : "?";
            if (status.equals("Published")) {
                break;
            }
            if (status.equals("Failed") || i >= 200) {
                throw new IllegalStateException("transfer " + m.group(1) + " is " + status);
            }
            Thread.sleep(10);
        }
        requests.incrementAndGet();
        HttpResponse<byte[]> d = http.send(HttpRequest.newBuilder(URI.create(transfer + "/download"))
                .header("Authorization", "Bearer " + recipientToken).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (d.statusCode() != 200 || !Arrays.equals(d.body(), content)) {
            throw new IllegalStateException("download: HTTP " + d.statusCode() + ", " + d.body().length + " bytes");
        }
        send(HttpRequest.newBuilder(URI.create(transfer + "/confirmdownload"))
                .header("Authorization", "Bearer " + recipientToken)
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
    }

    /** Initializes and uploads one transfer; returns its URL once Published. */
    static String publishedTransfer() throws IOException, InterruptedException {
        String body = send(HttpRequest.newBuilder(URI.create(base + "/broker/api/v1/filetransfer"))
                .header("Authorization", "Bearer " + senderToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"fileName":"bench.bin","resourceId":"%s","sender":"0192:%s","recipients":["0192:%s"]}
                        """.formatted(RESOURCE, SENDER_ORG, RECIPIENT_ORG))), 200);
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no fileTransferId in " + body);
        }
        String transfer = base + "/broker/api/v1/filetransfer/" + m.group(1);
        send(HttpRequest.newBuilder(URI.create(transfer + "/upload"))
                .header("Authorization", "Bearer " + senderToken)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[FILE_BYTES])), 200);
        requests.set(0);
        return transfer;
    }

    static String send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        requests.incrementAndGet();
        HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().method() + " " + r.uri().getPath() + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String token(String orgNo, String scopes) throws IOException, InterruptedException {
        String q = "orgNo=" + orgNo + "&scopes=" + scopes.replace(" ", "%20") + "&ttl=3600";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/GetEnterpriseToken?" + q)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token: HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body().trim();
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    static double serverCpuSeconds() {
        if (SERVER_PID <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + SERVER_PID + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static double clientCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
