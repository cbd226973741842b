package no.formidling.bridge.config;

import java.nio.file.Path;

/** A job file that cannot be used; the message names the file, the key and what is wrong. */
public class JobFileException extends RuntimeException {
    public JobFileException(Path file, String key, String problem) {
        super("Bridge job file " + file + ": " + (key == null || key.isEmpty() ? "" : "key '" + key + "': ") + problem);
    }

    public JobFileException(Path file, String key, String problem, Throwable cause) {
        super("Bridge job file " + file + ": " + (key == null || key.isEmpty() ? "" : "key '" + key + "': ") + problem, cause);
    }
}
