package no.formidling.runtime;

/** The embedded default cannot run on this data folder; the server must not start. */
final class EmbeddedDatabaseException extends RuntimeException {
    private final String action;

    EmbeddedDatabaseException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    String action() {
        return action;
    }
}
