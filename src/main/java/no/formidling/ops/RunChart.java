package no.formidling.ops;

import java.util.ArrayList;
import java.util.List;
import no.formidling.bridge.RunView;

/**
 * A job's recent runs as a server-side SVG bar chart: one bar per run, files delivered stacked under files failed,
 * oldest on the left. Coordinates are computed here so the template only draws rectangles.
 */
record RunChart(int width, int height, long maxFiles, List<Bar> bars, long failedRuns) {
    static final int HEIGHT = 120;
    static final int BAR = 22;
    static final int GAP = 8;

    record Bar(long runId, String label, long written, long failed, int x, int writtenY, int writtenHeight, int failedY, int failedHeight,
               String status, boolean runFailed) {
    }

    /** {@code runs} newest first, as the explorer gives them. */
    static RunChart of(List<RunView> runs) {
        List<RunView> oldestFirst = new ArrayList<>(runs);
        java.util.Collections.reverse(oldestFirst);
        long max = Math.max(1, oldestFirst.stream().mapToLong(r -> r.written() + r.failed()).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int x = GAP;
        long failedRuns = 0;
        for (RunView r : oldestFirst) {
            int written = (int) Math.round((double) r.written() / max * (HEIGHT - 20));
            int failed = (int) Math.round((double) r.failed() / max * (HEIGHT - 20));
            int base = HEIGHT - 14;
            String label = r.startTime() == null ? "" : String.format("%02d.%02d", r.startTime().getDayOfMonth(), r.startTime().getMonthValue());
            bars.add(new Bar(r.runId(), label, r.written(), r.failed(), x, base - written, written, base - written - failed, failed, r.status(),
                    "FAILED".equals(r.status())));
            if (r.failed() > 0 || "FAILED".equals(r.status())) {
                failedRuns++;
            }
            x += BAR + GAP;
        }
        return new RunChart(Math.max(x, 120), HEIGHT, max, bars, failedRuns);
    }
}
