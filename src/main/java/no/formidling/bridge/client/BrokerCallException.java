package no.formidling.bridge.client;

/** The Broker answered with an error status. Transient ones (5xx, 429, 401 with a stale token) are retried. */
public class BrokerCallException extends RuntimeException {
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

    public boolean isTransient() {
        return status >= 500 || status == 429 || status == 408 || status == 401;
    }

    private static String abbreviate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
