package no.formidling.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for the running test server: what an API user would send, nothing mocked. */
public class BrokerApi {
    public static final String OWNER = "991825827";
    public static final String ORG_A = "310000001";
    public static final String ORG_B = "310000002";
    public static final String DEMO_RESOURCE = "formidling-demo";
    public static final String WRITE_READ = "altinn:broker.write altinn:broker.read";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public BrokerApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, HttpResponse<byte[]> raw) {
        public String body() {
            return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The Altinn error code of a problem response, e.g. BRO-00009. */
        public String code() {
            return json().path("code").asText(null);
        }
    }

    public String token(String orgNo, String scopes) {
        return send(HttpRequest.newBuilder(uri("/api/GetEnterpriseToken?orgNo=" + orgNo + "&scopes=" + scopes.replace(" ", "%20"))).GET()).body();
    }

    public String serviceOwnerToken() {
        return send(HttpRequest.newBuilder(uri("/api/GetEnterpriseToken?orgNo=" + OWNER + "&org=digdir&scopes=altinn:serviceowner")).GET()).body();
    }

    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response postJson(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body))));
    }

    public Response putJson(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body))));
    }

    public Response post(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response initialize(String token, String resourceId, String sender, List<String> recipients, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("fileName", "report.xml", "resourceId", resourceId,
                "sender", sender, "recipients", recipients, "sendersFileTransferReference", "ref-" + UUID.randomUUID()));
        body.putAll(extra);
        return postJson("/broker/api/v1/filetransfer", token, body);
    }

    public UUID initializeOk(String token, String resourceId, String sender, List<String> recipients, Map<String, Object> extra) {
        Response r = initialize(token, resourceId, sender, recipients, extra);
        if (r.status() != 200) {
            throw new AssertionError("initialize answered " + r.status() + ": " + r.body());
        }
        return UUID.fromString(r.json().get("fileTransferId").asText());
    }

    public Response upload(String token, UUID id, byte[] bytes) {
        return send(request("/broker/api/v1/filetransfer/" + id + "/upload", token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    public JsonNode overview(String token, UUID id) {
        Response r = get("/broker/api/v1/filetransfer/" + id, token);
        if (r.status() != 200) {
            throw new AssertionError("overview answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    public String status(String token, UUID id) {
        return overview(token, id).get("fileTransferStatus").asText();
    }

    public Response download(String token, UUID id, String range) {
        HttpRequest.Builder b = request("/broker/api/v1/filetransfer/" + id + "/download", token).GET();
        if (range != null) {
            b.header("Range", range);
        }
        return send(b);
    }

    public Response confirm(String token, UUID id) {
        return post("/broker/api/v1/filetransfer/" + id + "/confirmdownload", token);
    }

    /** Registers a resource owned by the demo service owner, with every given org allowed to send and receive. */
    public void createResource(String resourceId, List<String> orgs, Map<String, Object> brokerConfig) {
        String owner = serviceOwnerToken();
        List<Map<String, Object>> access = orgs.stream()
                .map(o -> Map.<String, Object>of("party", "0192:" + o, "actions", List.of("write", "read"))).toList();
        Response registry = putJson("/resourceregistry/api/v1/resource/" + resourceId, owner,
                Map.of("title", resourceId, "serviceOwnerOrgNo", OWNER, "accessList", access));
        if (registry.status() != 200) {
            throw new AssertionError("registry answered " + registry.status() + ": " + registry.body());
        }
        Response config = putJson("/broker/api/v1/resource/" + resourceId, owner, brokerConfig);
        if (config.status() != 200) {
            throw new AssertionError("resource configuration answered " + config.status() + ": " + config.body());
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
