package no.formidling.correspondence;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import no.formidling.auth.Parties;
import no.formidling.web.CappedCounts;
import no.formidling.web.Keyset;
import no.formidling.web.KeysetPage;
import no.formidling.web.TextSearch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A party's messages one page at a time (newest first by requested publish time, keyset paging), with a search and
 * the number in each status: a recipient's, only what the API's recipient search would find (nothing before it is
 * published); a sender's, every message it sent. Indexes in V70 and V71.
 */
@Service
class CorrespondenceListing {
    /**
     * What the list is narrowed to: the messages to {@code party} (urn form), or from it ({@code asSender}, 0192 form);
     * {@code text} is looked for in the title, the sender's reference and the sender's name, and an organisation
     * number also finds the other party.
     */
    record Filter(String party, boolean asSender, String resourceId, CorrespondenceStatus status, String text) {
        static Filter to(String recipient, String resourceId, CorrespondenceStatus status, String text) {
            return new Filter(recipient, false, resourceId, status, text);
        }

        static Filter from(String sender, String resourceId, CorrespondenceStatus status, String text) {
            return new Filter(sender, true, resourceId, status, text);
        }
    }

    private static final List<String> HIDDEN = List.of(CorrespondenceSearch.HIDDEN_FROM_RECIPIENT);
    private final JdbcClient db;

    CorrespondenceListing(JdbcClient db) {
        this.db = db;
    }

    /** One page under the filter, its rows shaped by {@code shape} (the whole page at once), with the filter's counts. */
    <T> MessageList<T> list(Filter filter, KeysetPage page, Function<List<Correspondence>, List<T>> shape) {
        KeysetPage.Rows<Correspondence> found = page(filter, page);
        return new MessageList<>(new KeysetPage.Rows<>(shape.apply(found.rows()), found.previous(), found.next()), counts(filter));
    }

    private KeysetPage.Rows<Correspondence> page(Filter filter, KeysetPage page) {
        Map<String, Object> params = new HashMap<>(page.params());
        String sql = "select " + CorrespondenceRepository.COLUMNS + " from correspondence" + where(filter, params, true)
                + page.condition("requested_publish_time", "id") + page.order("requested_publish_time", "id");
        List<Correspondence> fetched = db.sql(sql).params(params).query(CorrespondenceRepository::map).list();
        return page.rows(fetched, c -> new Keyset(c.requestedPublishTime(), c.id()));
    }

    /** The statuses the party can see, each with its number of messages under the filter (its status left out), as {@link CappedCounts} counts them. */
    private Map<CorrespondenceStatus, Long> counts(Filter filter) {
        Map<CorrespondenceStatus, Long> counts = new EnumMap<>(CorrespondenceStatus.class);
        for (CorrespondenceStatus s : CorrespondenceStatus.values()) {
            if (filter.asSender() || !HIDDEN.contains(s.name())) {
                counts.put(s, 0L);
            }
        }
        Map<String, Object> params = new HashMap<>();
        String from = "from correspondence" + where(filter, params, false);
        return CappedCounts.count(db, counts, CorrespondenceStatus.class, from, "status", params, TextSearch.contains(filter.text()) != null);
    }

    /** Which of {@code ids} have been read and which confirmed (Read, Confirmed in their history): one statement for a page. */
    Map<UUID, Set<CorrespondenceStatus>> reached(List<UUID> ids) {
        Map<UUID, Set<CorrespondenceStatus>> reached = new HashMap<>();
        if (!ids.isEmpty()) {
            db.sql("select correspondence_id, status from correspondence_status where correspondence_id in (:ids) and status in ('Read', 'Confirmed')")
                    .param("ids", ids).query((rs, n) -> reached.computeIfAbsent(rs.getObject(1, UUID.class), k -> EnumSet.noneOf(CorrespondenceStatus.class))
                            .add(CorrespondenceStatus.valueOf(rs.getString(2)))).list();
        }
        return reached;
    }

    private String where(Filter f, Map<String, Object> params, boolean withStatus) {
        List<String> and = new ArrayList<>();
        params.put("party", f.party());
        if (f.asSender()) {
            and.add("sender = :party");
        } else {
            and.addAll(List.of("recipient = :party", "status not in (:hidden)"));
            params.put("hidden", HIDDEN);
        }
        if (f.resourceId() != null && !f.resourceId().isBlank()) {
            and.add("resource_id = :resource");
            params.put("resource", f.resourceId());
        }
        if (withStatus && f.status() != null) {
            and.add("status = :status");
            params.put("status", f.status().name());
        }
        String like = TextSearch.contains(f.text());
        if (like != null) {
            params.put("like", like);
            String text = "message_title ilike :like or senders_reference ilike :like or message_sender ilike :like";
            String hitsSql = "select id from correspondence where message_title ilike :like"
                    + " union all select id from correspondence where senders_reference ilike :like"
                    + " union all select id from correspondence where message_sender ilike :like";
            if (f.text().strip().matches("\\d{9}")) {
                String other = f.asSender() ? "recipient" : "sender";
                text += " or " + other + " = :other";
                hitsSql += " union all select id from correspondence where " + other + " = :other";
                params.put("other", (f.asSender() ? Parties.ORG_URN_PREFIX : "0192:") + f.text().strip());
            }
            List<String> hits = TextSearch.hits(db, hitsSql, params);
            if (hits != null) {
                and.add("id = any(cast(:hits as uuid[]))");
                params.put("hits", hits.toArray(String[]::new));
            } else {
                and.add("(" + text + ")");
            }
        }
        return " where " + String.join(" and ", and);
    }
}
