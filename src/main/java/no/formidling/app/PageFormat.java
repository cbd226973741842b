package no.formidling.app;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Times and sizes as people read them; used by the templates as {@code @pageFormat}. Times are shown in the pages' zone
 * ({@code formidling.pages.time-zone}, Europe/Oslo unless set) with their offset, so no reader has to guess the zone.
 */
@Component("pageFormat")
public class PageFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private final ZoneId zone;

    PageFormat(@Value("${formidling.pages.time-zone:Europe/Oslo}") ZoneId zone) {
        this.zone = zone;
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(zone));
    }

    /** A time kept without a zone (Spring Batch's), which is the server's own zone. */
    public String time(LocalDateTime at) {
        return at == null ? "" : time(at.atZone(ZoneId.systemDefault()).toInstant());
    }

    public String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    public String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long s = millis / 1000;
        return s < 60 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : (s / 60) + " min " + (s % 60) + " s";
    }
}
