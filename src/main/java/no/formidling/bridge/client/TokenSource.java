package no.formidling.bridge.client;

/** Supplies the bearer token for Broker calls, cached until shortly before it expires. */
public interface TokenSource {
    String token();

    /** Drops a cached token after the API refused it. */
    default void invalidate() {
    }
}
