package no.formidling.bridge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** Helpers for bridge tests: job files, random source files, tokens from the server under test. */
public final class BridgeTestSupport {
    public static final String SENDER = "310000001";
    public static final String RECIPIENT = "310000002";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BridgeTestSupport() {
    }

    public static String outboundJob(String name, int port, Path source, String extra) {
        return """
                name: %s
                direction: outbound
                schedule: {cron: "0 0 2 * * *", zone: UTC}
                source: {type: folder, directory: "%s"}
                broker:
                  baseUrl: http://localhost:%d
                  resourceId: formidling-demo
                  sender: "0192:%s"
                  recipients: {static: ["0192:%s"]}
                  checksum: true
                  auth: {type: dev, orgNo: "%s"}
                retry: {attempts: 12, initialInterval: 50ms, multiplier: 2, maxInterval: 1s}
                limits: {chunkSize: 50, concurrency: 8}
                %s
                """.formatted(name, source, port, SENDER, RECIPIENT, SENDER, extra);
    }

    public static String inboundJob(String name, int port, Path target) {
        return """
                name: %s
                direction: inbound
                schedule: {cron: "0 0 3 * * *", zone: UTC}
                target: {type: folder, directory: "%s"}
                broker:
                  baseUrl: http://localhost:%d
                  resourceId: formidling-demo
                  auth: {type: dev, orgNo: "%s"}
                retry: {attempts: 12, initialInterval: 50ms, multiplier: 2, maxInterval: 1s}
                limits: {chunkSize: 50, concurrency: 8}
                """.formatted(name, target, port, RECIPIENT);
    }

    /** Files of 1 to 20 KiB with random bytes; returns name → bytes. */
    public static Map<String, byte[]> randomFiles(Path dir, int count, long seed) throws IOException {
        return randomFiles(dir, "file-", count, seed);
    }

    /** Names start with the prefix, so a test can tell its files from other tests' in a shared inbox. */
    public static Map<String, byte[]> randomFiles(Path dir, String prefix, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        Map<String, byte[]> files = new HashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[1024 + random.nextInt(19 * 1024)];
            random.nextBytes(bytes);
            String name = prefix + "%05d.dat".formatted(i);
            Files.write(dir.resolve(name), bytes);
            files.put(name, bytes);
        }
        return files;
    }

    public static Map<String, byte[]> readAll(Path dir) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    public static String token(int port, String orgNo, String scopes) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/GetEnterpriseToken?orgNo=" + orgNo
                + "&scopes=" + scopes.replace(" ", "%20"))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token endpoint answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    public static HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(int port, String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
