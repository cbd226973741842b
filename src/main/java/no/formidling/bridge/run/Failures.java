package no.formidling.bridge.run;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What an operator reads about a failure (run view, {@code .error.json}, audit): one line that names the root
 * cause. The stack trace belongs in the server log.
 */
public final class Failures {
    static final int MAX_LENGTH = 400;

    private Failures() {
    }

    /**
     * The outermost message followed by the root cause's, e.g. "Failed to obtain pooled item: Unsupported key type
     * (ssh-ed25519)"; only one of them when one already says the other.
     */
    static String sentence(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        String top = message(failure);
        String cause = message(root);
        String text = root == failure || top.contains(cause) ? top : cause.contains(top) ? cause : top + ": " + cause;
        return oneLine(text);
    }

    /** Text on one line, cut at {@link #MAX_LENGTH}; a stored stack trace keeps only its first line. */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        int stack = text.indexOf("\n\tat ");
        String line = (stack >= 0 ? text.substring(0, stack) : text).replaceAll("\\s+", " ").strip();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH - 1) + "…" : line;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
