package no.formidling.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/**
 * A subscriber's webhook on 127.0.0.1 (JDK HttpServer): records every request per path and answers with the statuses
 * queued for that path, then with the default (200 unless changed).
 */
public class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String path, String contentType, JsonNode body, int answered) {
        public String type() {
            return body.path("type").asText();
        }

        public String id() {
            return body.path("id").asText();
        }
    }

    private final HttpServer server;
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Deque<Integer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Integer> defaults = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Deque<Integer> queue = scripted.get(path);
            Integer next = queue == null ? null : queue.pollFirst();
            int status = next != null ? next : defaults.getOrDefault(path, 200);
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = JSON.createObjectNode().put("unparsable", new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Content-Type"), json, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** An endpoint URL on this receiver. */
    public String endpoint(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** The next requests to {@code name} are answered with these statuses, in order. */
    public void script(String name, Integer... statuses) {
        scripted.computeIfAbsent("/" + name, k -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    /** Every request to {@code name} not scripted otherwise is answered with {@code status}. */
    public void answer(String name, int status) {
        defaults.put("/" + name, status);
    }

    /** All requests to {@code name}, in arrival order. */
    public List<Request> all(String name) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals("/" + name)).toList();
        }
    }

    /** The events {@code name} accepted (answered 2xx), validation events left out. */
    public List<Request> accepted(String name) {
        return all(name).stream().filter(r -> r.answered() / 100 == 2 && !r.type().equals("platform.events.validatesubscription")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
