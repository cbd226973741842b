package no.formidling.broker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.web.CappedCounts;
import no.formidling.web.Keyset;
import no.formidling.web.KeysetPage;
import no.formidling.web.TextSearch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The transfer lists of the pages, one page at a time (newest first, keyset paging on {@code (created, id)}), with
 * a search and the number of transfers in each status: what Sent, Inbox and the operator's list show however many
 * transfers an organisation has. The indexes that keep these fast are in V70.
 */
@Service
public class FileTransferListing {
    /** Whose transfers a list holds: a party's sent or received ones, or every transfer (operators). */
    public enum Side { SENT, RECEIVED, ALL }

    /**
     * What a list is narrowed to. {@code party} is the organisation ({@code 0192:<orgNo>}) for SENT and RECEIVED;
     * {@code resourceIds} are the resources it may see them under (null: any, for operators); {@code text} is
     * looked for in the file name and the sender's reference, and an organisation number also finds the other
     * party (the recipient on Sent, the sender in the Inbox, either for operators).
     */
    public record Filter(Side side, String party, List<String> resourceIds, FileTransferStatus status, String text) {
    }

    private static final String ORG_NO = "\\d{9}";
    private final JdbcClient db;
    private final FileTransferRepository transfers;

    FileTransferListing(JdbcClient db, FileTransferRepository transfers) {
        this.db = db;
        this.transfers = transfers;
    }

    public KeysetPage.Rows<FileTransfer> page(Filter filter, KeysetPage page) {
        if (filter.resourceIds() != null && filter.resourceIds().isEmpty()) {
            return new KeysetPage.Rows<>(List.of(), null, null);
        }
        Map<String, Object> params = new HashMap<>(page.params());
        String sql = FileTransferRepository.SELECT_WITH_RECIPIENTS_FROM + where(filter, params, true)
                + page.condition("t.created", "t.id") + page.order("t.created", "t.id");
        List<FileTransfer> fetched = db.sql(sql).params(params).query(transfers::map).list();
        return page.rows(fetched, t -> new Keyset(t.created(), t.id()));
    }

    /**
     * Every status with its number of transfers under the filter's side, resources and text (its status left out),
     * zeros included; each stops at {@link CappedCounts#CAP} + 1, and none when a search matches more than that.
     */
    public Map<FileTransferStatus, Long> counts(Filter filter) {
        Map<FileTransferStatus, Long> counts = new LinkedHashMap<>();
        for (FileTransferStatus s : FileTransferStatus.values()) {
            counts.put(s, 0L);
        }
        if (filter.resourceIds() != null && filter.resourceIds().isEmpty()) {
            return counts;
        }
        Map<String, Object> params = new HashMap<>();
        String from = "from file_transfer t" + where(filter, params, false);
        return CappedCounts.count(db, counts, FileTransferStatus.class, from, "t.status", params, TextSearch.contains(filter.text()) != null);
    }

    /** Both histories of each of {@code ids} (transfers already listed for the caller), in time order: two statements for a page. */
    public Map<UUID, List<FileTransferPages.Step>> histories(List<UUID> ids) {
        Map<UUID, List<FileTransferPages.Step>> steps = new HashMap<>();
        if (ids.isEmpty()) {
            return steps;
        }
        db.sql("select file_transfer_id, status, description, changed from file_transfer_status_history where file_transfer_id in (:ids)")
                .param("ids", ids).query((rs, n) -> steps.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new FileTransferPages.Step(null, rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))).list();
        db.sql("select file_transfer_id, recipient, status, changed from recipient_status_history where file_transfer_id in (:ids)")
                .param("ids", ids).query((rs, n) -> steps.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new FileTransferPages.Step(rs.getString(2), rs.getString(3), null, rs.getTimestamp(4).toInstant()))).list();
        steps.values().forEach(list -> list.sort(Comparator.comparing(FileTransferPages.Step::at)));
        return steps;
    }

    /** The resources the Broker knows, for an operator's resource filter. */
    public List<String> resourceIds() {
        return db.sql("select resource_id from broker_resource order by resource_id").query(String.class).list();
    }

    private String where(Filter f, Map<String, Object> params, boolean withStatus) {
        StringBuilder where = new StringBuilder(" where true");
        switch (f.side()) {
            case SENT -> where.append(" and t.sender = :party");
            case RECEIVED -> where.append(" and exists (select 1 from file_transfer_recipient mine where mine.file_transfer_id = t.id"
                    + " and mine.recipient = :party)");
            case ALL -> { }
        }
        params.put("party", f.party());
        if (f.resourceIds() != null) {
            where.append(" and t.resource_id in (:resources)");
            params.put("resources", f.resourceIds());
        }
        if (withStatus && f.status() != null) {
            where.append(" and t.status = :status");
            params.put("status", f.status().name());
        }
        String like = TextSearch.contains(f.text());
        if (like != null) {
            params.put("like", like);
            String other = f.text().strip().matches(ORG_NO) ? "0192:" + f.text().strip() : null;
            params.put("other", other);
            List<String> hits = TextSearch.hits(db, textHits(f.side(), other != null), params);
            if (hits != null) {
                where.append(" and t.id = any(cast(:hits as uuid[]))");
                params.put("hits", hits.toArray(String[]::new));
            } else {
                where.append(" and (t.file_name ilike :like or t.senders_reference ilike :like");
                if (other != null && f.side() != Side.SENT) {
                    where.append(" or t.sender = :other");
                }
                if (other != null && f.side() != Side.RECEIVED) {
                    where.append(" or exists (select 1 from file_transfer_recipient other where other.file_transfer_id = t.id"
                            + " and other.recipient = :other)");
                }
                where.append(")");
            }
        }
        return where.toString();
    }

    /** The ids whose text matches, one branch per index (trigram, or the other party's) so each is read on its own index. */
    private static String textHits(Side side, boolean orgNo) {
        StringBuilder sql = new StringBuilder("select id from file_transfer where file_name ilike :like"
                + " union all select id from file_transfer where senders_reference ilike :like");
        if (orgNo && side != Side.SENT) {
            sql.append(" union all select id from file_transfer where sender = :other");
        }
        if (orgNo && side != Side.RECEIVED) {
            sql.append(" union all select file_transfer_id from file_transfer_recipient where recipient = :other");
        }
        return sql.toString();
    }
}
