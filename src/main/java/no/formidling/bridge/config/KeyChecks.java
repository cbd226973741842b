package no.formidling.bridge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/** Checks on single keys of one job file; a broken one throws a {@link JobFileException} naming the file and the key. */
final class KeyChecks {
    private static final Pattern PARTY = Pattern.compile("^(?:\\d{4}:\\d{9}|urn:altinn:organization:identifier-no:\\d{9})$");
    private final Path file;

    KeyChecks(Path file) {
        this.file = file;
    }

    void require(String key, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            throw problem(key, "is required");
        }
    }

    void fail(String key, String problem) {
        throw problem(key, problem);
    }

    JobFileException problem(String key, String problem) {
        return new JobFileException(file, key, problem);
    }

    void party(String key, String value) {
        if (!PARTY.matcher(value).matches()) {
            fail(key, "'" + value + "' is not a party of the form 0192:<9-digit organisation number>");
        }
    }

    /** The number, or {@code otherwise} when it is not given; it must be from 1 to {@code max}. */
    int between(String key, Integer value, int otherwise, int max) {
        if (value == null) {
            return otherwise;
        }
        if (value < 1 || value > max) {
            fail(key, value + " must be between 1 and " + max);
        }
        return value;
    }

    Duration duration(String key, String value) {
        try {
            Duration d = DurationStyle.detectAndParse(value);
            if (d.isNegative()) {
                fail(key, "'" + value + "' must not be negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw problem(key, "'" + value + "' is not a duration such as PT30S, 30s or 5m");
        }
    }
}
