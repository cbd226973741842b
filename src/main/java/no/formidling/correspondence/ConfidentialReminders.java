package no.formidling.correspondence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.formidling.auth.ResourceRegistry;
import no.formidling.register.PartyRegister;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Upstream's confidential-reminders text: the recipient's confidential correspondences published more than
 * {@code confidential-reminder-min-age} ago and never read, oldest first, in nb, nn or en (nb otherwise).
 */
@Component
class ConfidentialReminders {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZoneId.of("Europe/Oslo"));
    private static final Map<String, String[]> TEXTS = Map.of(
            "nb", new String[]{
                "Under ligger en oversikt over hvilke meldinger som er uåpnet og viser til avsender, dato meldingen ble publisert og hvilken tjeneste som kreves. Hovedadministrator må delegere tilgang til denne tjenesten for at noen i din virksomhet skal kunne se meldingene.",
                "%d. Melding fra avsender %s datert %s, denne krever tilgang til tjenesten: %s",
                "NB! Dette varselet forsvinner når alle uleste taushetsbelagte meldinger er åpnet."},
            "nn", new String[]{
                "Under ligg ein oversikt over kva meldingar som er uopna og viser til avsendar, dato meldinga blei publisert og kva teneste som krevst. Hovudadministrator må delegere tilgang til denne tenesta for at nokon i verksemda di skal kunne sjå meldingane.",
                "%d. Melding frå avsendar %s datert %s, denne krev tilgang til tenesta: %s",
                "NB! Dette varselet forsvinn når alle ulesne tausheitsbelagte meldingar er opna."},
            "en", new String[]{
                "Below is an overview of which correspondences are unopened and shows the sender, the date the correspondence was published and which service is required. The main administrator must delegate access to this service for someone in your organization to be able to see the messages.",
                "%d. Correspondence from sender %s dated %s, this requires access to the service: %s",
                "N.B. This notice will disappear when all unread confidential correspondences have been opened."});

    private final CorrespondenceAccess access;
    private final JdbcClient db;
    private final ResourceRegistry resources;
    private final PartyRegister parties;
    private final Clock clock;
    private final Duration minAge;

    ConfidentialReminders(CorrespondenceAccess access, JdbcClient db, ResourceRegistry resources, PartyRegister parties, Clock clock,
                          @Value("${formidling.correspondence.confidential-reminder-min-age:P7D}") Duration minAge) {
        this.access = access;
        this.db = db;
        this.resources = resources;
        this.parties = parties;
        this.clock = clock;
        this.minAge = minAge;
    }

    private record Unread(String resourceId, String sender, String messageSender, Instant published) {
    }

    String text(String languageCode) {
        String recipient = CorrespondenceAccess.callerUrn(access.caller());
        if (recipient == null) {
            throw CorrespondenceError.COULD_NOT_DETERMINE_CALLER.problem();
        }
        List<Unread> unread = db.sql("""
                        select resource_id, sender, message_sender, coalesce(published, requested_publish_time) as published from correspondence c
                        where recipient = ? and is_confidential and requested_publish_time < ?
                          and exists (select 1 from correspondence_status s where s.correspondence_id = c.id and s.status = 'Published')
                          and not exists (select 1 from correspondence_status s where s.correspondence_id = c.id and s.status = 'Read')
                        order by 4, id""")
                .params(recipient, Timestamp.from(clock.instant().minus(minAge)))
                .query((rs, n) -> new Unread(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                .list();
        if (unread.isEmpty()) {
            throw CorrespondenceError.UNREAD_CONFIDENTIAL_NOT_FOUND.problem();
        }
        String[] text = TEXTS.getOrDefault(languageCode, TEXTS.get("nb"));
        List<String> parts = new ArrayList<>();
        parts.add(text[0]);
        for (int i = 0; i < unread.size(); i++) {
            Unread u = unread.get(i);
            String sender = SenderNames.of(parties, u.messageSender(), u.sender());
            String service = resources.find(u.resourceId()).map(ResourceRegistry.RegisteredResource::title)
                    .filter(t -> t != null && !t.isBlank()).orElse(u.resourceId());
            parts.add(String.format(text[1], i + 1, sender, DATE.format(u.published()), service));
        }
        parts.add(text[2]);
        return String.join("\n\n", parts);
    }
}
