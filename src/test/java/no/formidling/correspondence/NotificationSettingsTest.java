package no.formidling.correspondence;

import static no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Upstream's timing with a fixed clock: five minutes after publish, reminder a week later, SMS only 09–17 in Oslo, DST included. */
class NotificationSettingsTest {
    final NotificationSettings settings = new NotificationSettings(Duration.ofMinutes(5), Duration.ofDays(7), "09:00-17:00", "Europe/Oslo");

    static Instant at(String utc) {
        return Clock.fixed(Instant.parse(utc), ZoneOffset.UTC).instant();
    }

    @Test
    void notificationGoesOutFiveMinutesAfterPublishOrAfterNowWhenPublishIsPast() {
        Instant now = at("2026-03-02T10:00:00Z");
        assertThat(settings.notificationTime(Instant.parse("2026-03-05T08:00:00Z"), now)).isEqualTo(Instant.parse("2026-03-05T08:05:00Z"));
        assertThat(settings.notificationTime(Instant.parse("2026-03-01T08:00:00Z"), now)).isEqualTo(Instant.parse("2026-03-02T10:05:00Z"));
    }

    @Test
    void smsWaitsForTheNorwegianDaytimeWindow() {
        // 10:00 UTC in March is 11:00 in Oslo: inside the window
        assertThat(settings.nextSmsTime(at("2026-03-02T10:00:00Z"))).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        // 05:00 UTC = 06:00 Oslo: opens at 09:00 Oslo the same day
        assertThat(settings.nextSmsTime(at("2026-03-02T05:00:00Z"))).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        // 17:30 Oslo in summer (UTC+2): next day 09:00 Oslo
        assertThat(settings.nextSmsTime(at("2026-07-01T15:30:00Z"))).isEqualTo(Instant.parse("2026-07-02T07:00:00Z"));
        // 17:00 sharp is closed; 16:59 is open
        assertThat(settings.nextSmsTime(at("2026-03-02T16:00:00Z"))).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));
        assertThat(settings.nextSmsTime(at("2026-03-02T15:59:00Z"))).isEqualTo(Instant.parse("2026-03-02T15:59:00Z"));
    }

    @Test
    void theWindowFollowsOsloAcrossTheDaylightSavingChanges() {
        // Night of 29 March 2026 the clocks go forward: 22:00 UTC on the 28th is 23:00 CET, the window opens 09:00 CEST = 07:00 UTC
        assertThat(settings.nextSmsTime(at("2026-03-28T22:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        // Night of 25 October 2026 they go back: 22:00 UTC on the 24th is 00:00 CEST, the window opens 09:00 CET = 08:00 UTC
        assertThat(settings.nextSmsTime(at("2026-10-24T22:00:00Z"))).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
        // 07:30 UTC on the 29th of March is 09:30 CEST (open), though it would be 08:30 in winter time
        assertThat(settings.nextSmsTime(at("2026-03-29T07:30:00Z"))).isEqualTo(Instant.parse("2026-03-29T07:30:00Z"));
        // 15:30 UTC on the 25th of October is 16:30 CET (open), though it would be 17:30 in summer time
        assertThat(settings.nextSmsTime(at("2026-10-25T15:30:00Z"))).isEqualTo(Instant.parse("2026-10-25T15:30:00Z"));
    }

    @Test
    void theReminderComesAWeekLaterAndBySmsOnlyInsideTheWindow() {
        // Notified 18:00 CET on Sunday 22 March; a week of 168 hours later is 19:00 CEST on the 29th: closed for SMS
        Instant notified = at("2026-03-22T17:00:00Z");
        assertThat(settings.reminderTime(notified, Email)).isEqualTo(Instant.parse("2026-03-29T17:00:00Z"));
        assertThat(settings.reminderTime(notified, EmailPreferred)).isEqualTo(Instant.parse("2026-03-29T17:00:00Z"));
        for (var channel : new InitializeCorrespondencesExt.NotificationChannel[]{Sms, SmsPreferred, EmailAndSms}) {
            assertThat(settings.reminderTime(notified, channel)).as(channel.name()).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        }
        // Notified at 10:00 CET: the reminder at 11:00 CEST is inside the window
        assertThat(settings.reminderTime(at("2026-03-23T09:00:00Z"), Sms)).isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));
    }
}
