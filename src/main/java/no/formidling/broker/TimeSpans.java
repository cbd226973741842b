package no.formidling.broker;

import java.time.Duration;

/** Formats durations as .NET's TimeSpan does ({@code 30.00:00:00}, {@code 02:00:00}), as upstream's GET returns them. */
final class TimeSpans {
    private TimeSpans() {
    }

    static String format(Duration d) {
        long days = d.toDays();
        String clock = String.format("%02d:%02d:%02d", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
        return days > 0 ? days + "." + clock : clock;
    }
}
