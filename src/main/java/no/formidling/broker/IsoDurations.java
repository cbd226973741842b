package no.formidling.broker;

import java.time.Duration;
import java.util.Optional;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/** ISO-8601 durations as upstream accepts them ({@code P30D}, {@code PT2H}, {@code P1Y}), measured from the epoch. */
final class IsoDurations {
    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private IsoDurations() {
    }

    /** The duration, or empty when the text is not a non-negative ISO-8601 duration. */
    static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            javax.xml.datatype.Duration d = FACTORY.newDuration(text.trim());
            if (d.getSign() < 0) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(d.getTimeInMillis(new java.util.Date(0))));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
