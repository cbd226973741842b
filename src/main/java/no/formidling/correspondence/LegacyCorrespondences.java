package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceStatus.*;
import static no.formidling.correspondence.CorrespondenceViews.time;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.formidling.auth.ResourceRegistry;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceContentExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceFieldsExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceOverviewExt;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyCorrespondenceItemExt;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyCorrespondenceOverviewExt;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyCorrespondenceStatusExt;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyGetCorrespondencesResponse;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyUserExt;
import no.formidling.register.PartyRegister;
import no.formidling.web.ValidationProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Altinn 2 portal's view of a recipient's correspondences (upstream's LegacyCorrespondenceController, removed
 * upstream in July 2026 with the portal): search, overview, history and the status changes, archive included.
 * Without Altinn 2's numeric party ids the caller acts for itself; {@code instanceOwnerPartyIdList} is accepted
 * and not used, and every authentication level reads as 0.
 */
@Service
class LegacyCorrespondences {
    static final int LIMIT = 1000;
    private static final Set<CorrespondenceStatus> ACTIVE = EnumSet.of(Published, Fetched, Read, Confirmed, Replied, AttachmentsDownloaded);

    /** Upstream's LegacyGetCorrespondencesRequestExt. */
    record SearchExt(int[] instanceOwnerPartyIdList, boolean includeActive, boolean includeArchived, boolean includeDeleted,
                     Boolean filterMigrated, OffsetDateTime from, OffsetDateTime to, String searchString, String language,
                     CorrespondenceStatus status) {
    }

    private final CorrespondenceAccess access;
    private final CorrespondenceRepository correspondences;
    private final CorrespondenceStatusService statuses;
    private final CorrespondenceViews views;
    private final CorrespondenceActions actions;
    private final ResourceRegistry resources;
    private final PartyRegister parties;
    private final JdbcClient db;
    private final Clock clock;

    LegacyCorrespondences(CorrespondenceAccess access, CorrespondenceRepository correspondences, CorrespondenceStatusService statuses,
                          CorrespondenceViews views, CorrespondenceActions actions, ResourceRegistry resources, PartyRegister parties,
                          JdbcClient db, Clock clock) {
        this.access = access;
        this.correspondences = correspondences;
        this.statuses = statuses;
        this.views = views;
        this.actions = actions;
        this.resources = resources;
        this.parties = parties;
        this.db = db;
        this.clock = clock;
    }

    /** The caller's correspondences, newest publish time first: active and/or archived ones, or those with {@code status} now. */
    @Transactional(readOnly = true)
    LegacyGetCorrespondencesResponse search(SearchExt q) {
        if (q == null || q.instanceOwnerPartyIdList() == null) {
            throw ValidationProblem.of("instanceOwnerPartyIdList", "The instanceOwnerPartyIdList field is required.");
        }
        if (q.from() != null && q.from().toInstant().isAfter(clock.instant())) {
            throw ValidationProblem.of("from", "From date cannot be in the future");
        }
        if (q.from() != null && q.to() != null && q.from().isAfter(q.to())) {
            throw CorrespondenceError.INVALID_DATE_RANGE.problem();
        }
        String self = CorrespondenceAccess.callerUrn(access.caller());
        if (self == null) {
            throw CorrespondenceError.COULD_NOT_DETERMINE_CALLER.problem();
        }
        Set<CorrespondenceStatus> wanted = EnumSet.noneOf(CorrespondenceStatus.class);
        if (q.status() != null) {
            wanted.add(q.status());
        } else {
            if (q.includeActive()) {
                wanted.addAll(ACTIVE);
            }
            if (q.includeArchived()) {
                wanted.add(Archived);
            }
        }
        if (wanted.isEmpty()) {
            return new LegacyGetCorrespondencesResponse(List.of());
        }
        StringBuilder sql = new StringBuilder("""
                select id from correspondence c where recipient = ? and status = any(cast(? as text[]))
                  and not exists (select 1 from correspondence_status s where s.correspondence_id = c.id and s.status in ('PurgedByAltinn', 'PurgedByRecipient'))""");
        List<Object> params = new ArrayList<>(List.of(self, wanted.stream().map(Enum::name).toArray(String[]::new)));
        if (q.searchString() != null && !q.searchString().isEmpty()) {
            sql.append(" and strpos(message_title, ?) > 0");
            params.add(q.searchString());
        }
        CorrespondenceSearch.publishedBetween(sql, params, q.from(), q.to());
        sql.append(" order by requested_publish_time desc, id limit ").append(LIMIT);
        return new LegacyGetCorrespondencesResponse(db.sql(sql.toString()).params(params).query(UUID.class).list().stream()
                .map(id -> item(correspondences.find(id).orElseThrow())).toList());
    }

    private LegacyCorrespondenceItemExt item(Correspondence c) {
        Map<String, Instant> reached = reached(c.id());
        return new LegacyCorrespondenceItemExt(c.id(), null, c.messageTitle(), serviceOwnerName(c), c.status(), 0, time(c.published()),
                null, null, 0, time(c.dueDateTime()), time(reached.get(Archived.name())), senderName(c),
                time(reached.get(Confirmed.name())), c.isConfirmationNeeded());
    }

    /** The overview with the portal's extra fields; the recipient's first look records Fetched, as the API's overview. */
    @Transactional
    LegacyCorrespondenceOverviewExt overview(UUID id) {
        actions.overview(id);
        Correspondence c = access.requireRecipient(id, false).correspondence();
        Map<String, Instant> reached = reached(id);
        CorrespondenceOverviewExt overview = views.overview(c);
        CorrespondenceFieldsExt o = overview.fields();
        CorrespondenceContentExt content = o.content();
        return new LegacyCorrespondenceOverviewExt(o.correspondenceId(), o.resourceId(), o.sender(), o.sendersReference(),
                o.messageSender(), o.recipient(), o.requestedPublishTime(), o.allowSystemDeleteAfter(), o.dueDateTime(),
                o.externalReferences(), o.propertyList(), o.replyOptions(), o.notification(), o.ignoreReservation(),
                o.isConfirmationNeeded(), o.isConfidential(), o.allowForwarding(), o.created(), o.status(), o.statusText(),
                o.statusChanged(), o.published(), overview.notifications(), 0, true, true,
                !c.isConfirmationNeeded() || reached.containsKey(Confirmed.name()), time(reached.get(Archived.name())),
                time(reached.get(Confirmed.name())), content.language(), content.messageTitle(), content.messageSummary(),
                content.messageBody(), content.attachments(), 0);
    }

    /** Status history in the portal's shape: who did it (the recipient for its own actions, else the sender). */
    @Transactional(readOnly = true)
    List<LegacyCorrespondenceStatusExt> history(UUID id) {
        Correspondence c = access.requireRecipient(id, false).correspondence();
        CorrespondenceActions.requireAvailable(c);
        Set<CorrespondenceStatus> byRecipient = EnumSet.of(Fetched, Read, Confirmed, Replied, Archived, PurgedByRecipient, AttachmentsDownloaded, Forwarded);
        return correspondences.history(id).stream().map(e -> new LegacyCorrespondenceStatusExt(e.status(), time(e.statusChanged()),
                e.statusText(), new LegacyUserExt(null, byRecipient.contains(e.status()) ? nameOf(c.recipient()) : senderName(c)),
                null, null)).toList();
    }

    /** The portal's read and confirm: repeating one changes nothing; both need a fetch first (archive is {@link CorrespondenceActions#archive}). */
    @Transactional
    UUID changeStatus(UUID id, CorrespondenceStatus to) {
        Correspondence c = access.requireRecipient(id, true).correspondence();
        CorrespondenceActions.requireAvailable(c);
        if (to == Read && !correspondences.hasBeen(id, Fetched)) {
            throw CorrespondenceError.READ_BEFORE_FETCHED.problem();
        }
        if (to == Confirmed && !correspondences.hasBeen(id, Fetched)) {
            throw CorrespondenceError.CONFIRM_BEFORE_FETCHED.problem();
        }
        if (!correspondences.hasBeen(id, to)) {
            statuses.change(c, to, null);
        }
        return id;
    }

    private Map<String, Instant> reached(UUID id) {
        Map<String, Instant> m = new LinkedHashMap<>();
        correspondences.history(id).forEach(e -> m.putIfAbsent(e.status().name(), e.statusChanged()));
        return m;
    }

    private String serviceOwnerName(Correspondence c) {
        return resources.find(c.resourceId()).map(r -> nameOf("0192:" + r.serviceOwnerOrgNo())).orElse("");
    }

    private String senderName(Correspondence c) {
        return SenderNames.of(parties, c.messageSender(), c.sender());
    }

    private String nameOf(String party) {
        return SenderNames.displayName(parties, party);
    }
}
