package no.formidling.bridge.run;

/** A file that will not go through however often it is retried: it goes to the error folder. */
class BadFileException extends RuntimeException {
    BadFileException(String message) {
        super(message);
    }

    BadFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
