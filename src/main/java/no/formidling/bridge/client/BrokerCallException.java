package no.formidling.bridge.client;

/** The Broker answered with an error status. Transient ones (5xx, 429, 401 with a stale token) are retried. */
public class BrokerCallException extends RuntimeException {

    /** An answer worth retrying: 5xx, 429, 408, or 401 after the cached token was dropped. */
    public static class Transient extends BrokerCallException {
        Transient(String call, int status, String body) {
            super(call, status, body);
        }
    }

    public static BrokerCallException of(String call, int status, String body) {
        return status >= 500 || status == 429 || status == 408 || status == 401
                ? new Transient(call, status, body) : new BrokerCallException(call, status, body);
    }

    private final int status;
    private final String body;

    public BrokerCallException(String call, int status, String body) {
        super(call + " answered " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body)));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
