package no.formidling.events;

import java.util.Objects;

/**
 * Where a feature's events come from, as that feature names it: the prefix of their CloudEvents {@code type}
 * (upstream's, e.g. {@code no.altinn.broker.}) and the path of their {@code source} under the server's base URL
 * (e.g. {@code /broker/api/v1/filetransfer}). The outbox knows no feature; each hands it its own.
 */
public record EventSource(String typePrefix, String path) {
    public EventSource {
        Objects.requireNonNull(typePrefix, "typePrefix");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("The source path is under the base URL and starts with /: " + path);
        }
    }
}
