package no.formidling.broker.tus;

import java.net.http.HttpRequest;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;

/** Raw TUS requests, header by header, as a test needs to get them wrong on purpose. */
class TusClient {
    static final String BASE = "/broker/api/v1/filetransfer/upload/tus/";
    private final BrokerApi api;
    private final String token;

    TusClient(BrokerApi api, String token) {
        this.api = api;
        this.token = token;
    }

    HttpRequest.Builder tus(String path) {
        return api.request(path, token).header("Tus-Resumable", "1.0.0");
    }

    BrokerApi.Response create(UUID id, long length) {
        return api.send(tus(BASE + id).header("Upload-Length", Long.toString(length)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    BrokerApi.Response createPart(UUID id, long length) {
        return api.send(tus(BASE + id).header("Upload-Length", Long.toString(length)).header("Upload-Concat", "partial")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    BrokerApi.Response join(UUID id, String urls) {
        return api.send(tus(BASE + id).header("Upload-Concat", "final;" + urls).POST(HttpRequest.BodyPublishers.noBody()));
    }

    BrokerApi.Response head(String path) {
        return api.send(tus(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    BrokerApi.Response patch(String path, long offset, byte[] bytes) {
        return api.send(tus(path).header("Content-Type", "application/offset+octet-stream").header("Upload-Offset", Long.toString(offset))
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    BrokerApi.Response terminate(String path) {
        return api.send(tus(path).DELETE());
    }
}
