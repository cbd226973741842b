package no.formidling.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The Broker API calls a bridge makes. One call, one HTTP request: retrying is the caller's business. */
public class BrokerClient {
    public static final String SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key";
    private static final String API = "/broker/api/v1/filetransfer";
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final TokenSource tokens;
    private final String subscriptionKey;

    public BrokerClient(String baseUrl, TokenSource tokens, String subscriptionKey) {
        this.baseUrl = DevTokenSource.trimSlash(baseUrl);
        this.tokens = tokens;
        this.subscriptionKey = subscriptionKey;
    }

    public record Initialize(String fileName, String resourceId, String sender, List<String> recipients,
                             String sendersFileTransferReference, Map<String, String> propertyList, String checksum) {
    }

    /** What the bridge reads from {@code GET /filetransfer/{id}}. */
    public record Overview(UUID fileTransferId, String fileName, String status, long size, String checksum, JsonNode raw) {
    }

    public UUID initialize(Initialize body, String idempotencyKey) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fileName", body.fileName());
        json.put("resourceId", body.resourceId());
        json.put("sender", body.sender());
        json.put("recipients", body.recipients());
        json.put("sendersFileTransferReference", body.sendersFileTransferReference());
        json.put("propertyList", body.propertyList());
        if (body.checksum() != null) {
            json.put("checksum", body.checksum());
        }
        HttpRequest.Builder req = request(API).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(write(json)));
        if (idempotencyKey != null) {
            req.header("Idempotency-Key", idempotencyKey);
        }
        JsonNode answer = readJson("initialize", send(req.build(), "POST " + API, 200));
        return UUID.fromString(answer.path("fileTransferId").asText());
    }

    /** Streams {@code size} bytes from the supplier's stream as the request body; the stream is closed when the call ends. */
    public void upload(UUID id, long size, Supplier<InputStream> body) {
        String path = API + "/" + id + "/upload";
        try (ChunkedBody chunks = new ChunkedBody(body, size)) {
            HttpRequest req = request(path).header("Content-Type", "application/octet-stream")
                    .timeout(Duration.ofHours(6))
                    .POST(HttpRequest.BodyPublishers.fromPublisher(chunks.publisher(), size))
                    .build();
            send(req, "POST " + path, 200);
        }
    }

    public Overview overview(UUID id) {
        String path = API + "/" + id;
        JsonNode o = readJson(path, send(request(path).GET().build(), "GET " + path, 200));
        return new Overview(id, o.path("fileName").asText(), o.path("fileTransferStatus").asText(),
                o.path("fileTransferSize").asLong(), o.path("checksum").asText(null), o);
    }

    /** Transfer ids the caller sees in the given role and statuses (the API gives at most 100 a call). */
    public List<UUID> search(String resourceId, String status, String recipientStatus, String role) {
        StringBuilder q = new StringBuilder(API).append("?resourceId=").append(enc(resourceId)).append("&orderAscending=true");
        if (status != null) {
            q.append("&status=").append(enc(status));
        }
        if (recipientStatus != null) {
            q.append("&recipientStatus=").append(enc(recipientStatus));
        }
        if (role != null) {
            q.append("&role=").append(enc(role));
        }
        JsonNode ids = readJson("search", send(request(q.toString()).GET().build(), "GET " + q, 200));
        List<UUID> out = new ArrayList<>();
        ids.forEach(n -> out.add(UUID.fromString(n.asText())));
        return out;
    }

    /** Streams the file to the consumer; the stream is the response body. */
    public <T> T download(UUID id, StreamConsumer<T> consumer) throws IOException {
        String path = API + "/" + id + "/download";
        HttpResponse<InputStream> r = exchange(request(path).timeout(Duration.ofHours(6)).GET().build(), HttpResponse.BodyHandlers.ofInputStream(), "GET " + path);
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw fail("GET " + path, r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return consumer.accept(in);
        }
    }

    public interface StreamConsumer<T> {
        T accept(InputStream in) throws IOException;
    }

    public void confirmDownload(UUID id) {
        String path = API + "/" + id + "/confirmdownload";
        send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), "POST " + path, 200, 204);
    }

    /** Compensation: the sender cancels a transfer (Formidling extension; the transfer becomes Cancelled). */
    public void cancel(UUID id) {
        String path = API + "/" + id;
        send(request(path).DELETE().build(), "DELETE " + path, 200, 204);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + tokens.token());
        if (subscriptionKey != null) {
            b.header(SUBSCRIPTION_KEY_HEADER, subscriptionKey);
        }
        return b;
    }

    private String send(HttpRequest req, String call, int... ok) {
        HttpResponse<String> r = exchange(req, HttpResponse.BodyHandlers.ofString(), call);
        for (int status : ok) {
            if (r.statusCode() == status) {
                return r.body();
            }
        }
        throw fail(call, r.statusCode(), r.body());
    }

    private BrokerCallException fail(String call, int status, String body) {
        if (status == 401) {
            tokens.invalidate();
        }
        return BrokerCallException.of(call, status, body);
    }

    private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler, String call) {
        try {
            return Http.CLIENT.send(req, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(call + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + call, e);
        }
    }

    private static JsonNode readJson(String what, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("The Broker's answer to " + what + " is not JSON", e);
        }
    }

    private static byte[] write(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
