package no.formidling.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Times on the pages carry their offset: Oslo's winter and summer time, and another zone when configured. */
class PageFormatTest {
    private final PageFormat oslo = new PageFormat(ZoneId.of("Europe/Oslo"));

    @Test
    void anInstantIsShownInTheConfiguredZoneWithItsOffset() {
        assertThat(oslo.time(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo("2030-01-01 01:00:00 +01:00");
        assertThat(oslo.time(Instant.parse("2030-07-01T00:00:00Z"))).isEqualTo("2030-07-01 02:00:00 +02:00");
        assertThat(new PageFormat(ZoneId.of("UTC")).time(Instant.parse("2030-01-01T00:00:00Z"))).isEqualTo("2030-01-01 00:00:00 +00:00");
        assertThat(oslo.time((Instant) null)).isEmpty();
    }

    @Test
    void aTimeWithoutZoneIsTheServersOwnAndIsShownInTheConfiguredZone() {
        LocalDateTime serverTime = LocalDateTime.of(2030, 1, 1, 12, 0);
        Instant at = serverTime.atZone(ZoneId.systemDefault()).toInstant();
        assertThat(oslo.time(serverTime)).isEqualTo(oslo.time(at)).endsWith("+01:00");
    }
}
