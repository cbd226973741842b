package no.formidling.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void isoDurationsParseAsUpstreamParsesThem() {
        assertThat(IsoDurations.parse("P30D")).contains(Duration.ofDays(30));
        assertThat(IsoDurations.parse("PT2H")).contains(Duration.ofHours(2));
        assertThat(IsoDurations.parse("P1DT12H")).contains(Duration.ofHours(36));
        assertThat(IsoDurations.parse("P1Y")).contains(Duration.ofDays(365));
        assertThat(IsoDurations.parse("30 days")).isEmpty();
        assertThat(IsoDurations.parse("2h")).isEmpty();
        assertThat(IsoDurations.parse("")).isEmpty();
    }

    @Test
    void aNegativeOrMissingDurationIsNoneAndMonthsAndYearsCountFromTheEpoch() {
        assertThat(IsoDurations.parse("-P1D")).isEmpty();
        assertThat(IsoDurations.parse(null)).isEmpty();
        assertThat(IsoDurations.parse("   ")).isEmpty();
        assertThat(IsoDurations.parse("P")).isEmpty();
        assertThat(IsoDurations.parse(" P1D ")).as("trimmed").contains(Duration.ofDays(1));
        assertThat(IsoDurations.parse("P1M")).as("January has 31 days").contains(Duration.ofDays(31));
        assertThat(IsoDurations.parse("PT0S")).contains(Duration.ZERO);
    }

    @Test
    void timeSpansAreWrittenAsDotNetWritesThem() {
        assertThat(TimeSpans.format(Duration.ofDays(30))).isEqualTo("30.00:00:00");
        assertThat(TimeSpans.format(Duration.ofHours(2))).isEqualTo("02:00:00");
        assertThat(TimeSpans.format(Duration.ofHours(24))).isEqualTo("1.00:00:00");
        assertThat(TimeSpans.format(Duration.ofMinutes(90).plusSeconds(5))).isEqualTo("01:30:05");
        assertThat(TimeSpans.format(Duration.ofDays(2).plusHours(3).plusMinutes(4).plusSeconds(5))).isEqualTo("2.03:04:05");
        assertThat(TimeSpans.format(Duration.ZERO)).isEqualTo("00:00:00");
    }
}
