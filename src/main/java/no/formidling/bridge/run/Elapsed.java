package no.formidling.bridge.run;

/** How long a step took, for the audit log. */
final class Elapsed {
    private Elapsed() {
    }

    static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}
