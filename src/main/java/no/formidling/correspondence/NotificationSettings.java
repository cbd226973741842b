package no.formidling.correspondence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Upstream's notification timing as settings: first notice {@code notification-delay} after publish (or now),
 * reminder {@code reminder-delay} later, SMS only inside {@code sms-window} (Norwegian time).
 */
@Component
class NotificationSettings {
    private final Duration notificationDelay;
    private final Duration reminderDelay;
    private final LocalTime smsFrom;
    private final LocalTime smsTo;
    private final ZoneId zone;

    NotificationSettings(@Value("${formidling.correspondence.notification-delay:PT5M}") Duration notificationDelay,
                         @Value("${formidling.correspondence.reminder-delay:P7D}") Duration reminderDelay,
                         @Value("${formidling.correspondence.sms-window:09:00-17:00}") String smsWindow,
                         @Value("${formidling.correspondence.sms-window-zone:Europe/Oslo}") String zone) {
        this.notificationDelay = notificationDelay;
        this.reminderDelay = reminderDelay;
        String[] parts = smsWindow.split("-");
        this.smsFrom = LocalTime.parse(parts[0].trim());
        this.smsTo = LocalTime.parse(parts[1].trim());
        this.zone = ZoneId.of(zone);
    }

    Instant notificationTime(Instant publishTime, Instant now) {
        return (publishTime.isBefore(now) ? now : publishTime).plus(notificationDelay);
    }

    /** The reminder: {@code reminder-delay} after the first notification went out, moved into the SMS window when it may go by SMS. */
    Instant reminderTime(Instant notifiedAt, NotificationChannel reminderChannel) {
        Instant due = notifiedAt.plus(reminderDelay);
        return mayUseSms(reminderChannel) ? nextSmsTime(due) : due;
    }

    /** Every channel but plain or preferred email may send an SMS, so waits for the window (email goes any time). */
    static boolean mayUseSms(NotificationChannel channel) {
        return channel != NotificationChannel.Email && channel != NotificationChannel.EmailPreferred;
    }

    /** {@code at} when it lies inside the SMS window, else the window's next opening. */
    Instant nextSmsTime(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime t = local.toLocalTime();
        if (!t.isBefore(smsFrom) && t.isBefore(smsTo)) {
            return at;
        }
        ZonedDateTime opening = local.with(smsFrom);
        return (t.isBefore(smsFrom) ? opening : opening.plusDays(1)).toInstant();
    }
}
