package no.formidling.web;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a search box typed, as an ILIKE pattern that finds it anywhere in a column (a trigram index serves it), and
 * the rows it matches when they are few.
 */
public final class TextSearch {
    private TextSearch() {
    }

    /**
     * The ids {@code idsSql} finds (a union of one select per index, with the named {@code params}), as text, when
     * there are at most {@link CappedCounts#CAP}; null when there are more. A list then narrows to these ids and sorts
     * a few thousand rows at most: a rare word is found through its trigram index however many rows the list has,
     * where walking the list newest first and testing each row read all of them. A common word (null here) is found
     * fast that way, as matches come soon.
     */
    public static List<String> hits(JdbcClient db, String idsSql, Map<String, Object> params) {
        List<String> ids = db.sql("select cast(id as text) from (" + idsSql + " limit " + (CappedCounts.CAP + 1) + ") hits")
                .params(params).query(String.class).list();
        return ids.size() > CappedCounts.CAP ? null : ids;
    }

    /** {@code %text%} with LIKE's own characters escaped, so "50%_done" finds exactly that; null for a blank box. */
    public static String contains(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
