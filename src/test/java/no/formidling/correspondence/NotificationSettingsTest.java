package no.formidling.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationSettingsTest {
    final NotificationSettings settings = new NotificationSettings(Duration.ofMinutes(5), Duration.ofDays(7), "09:00-17:00", "Europe/Oslo");

    @Test
    void notificationGoesOutFiveMinutesAfterPublishOrAfterNowWhenPublishIsPast() {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        assertThat(settings.notificationTime(Instant.parse("2026-03-05T08:00:00Z"), now)).isEqualTo(Instant.parse("2026-03-05T08:05:00Z"));
        assertThat(settings.notificationTime(Instant.parse("2026-03-01T08:00:00Z"), now)).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
    }

    @Test
    void smsWaitsForTheNorwegianDaytimeWindow() {
        // 10:00 UTC in March is 11:00 in Oslo: inside the window
        assertThat(settings.nextSmsTime(Instant.parse("2026-03-02T10:00:00Z"))).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        // 05:00 UTC = 06:00 Oslo: opens at 09:00 Oslo the same day
        assertThat(settings.nextSmsTime(Instant.parse("2026-03-02T05:00:00Z"))).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        // 17:30 Oslo in summer (UTC+2): next day 09:00 Oslo
        assertThat(settings.nextSmsTime(Instant.parse("2026-07-01T15:30:00Z"))).isEqualTo(Instant.parse("2026-07-02T07:00:00Z"));
    }
}
