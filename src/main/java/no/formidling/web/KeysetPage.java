package no.formidling.web;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which slice of a newest-first list a page asks for: the first {@code size} rows, the rows after a row (older), or
 * the rows before a row (newer). Gives the SQL condition and order for two columns, and turns what the query
 * fetched (one row more than the page, to know whether there is more) into the page's rows and its links.
 */
public record KeysetPage(Keyset after, Keyset before, int size) {

    /** The rows of one page, newest first, with the cursors of the previous and next pages (null when there are none). */
    public record Rows<T>(List<T> rows, String previous, String next) {
    }

    /** From the link's parameters; {@code before} wins when a hand-made link carries both. */
    public static KeysetPage of(String after, String before, int size) {
        Keyset b = Keyset.decode(before);
        return new KeysetPage(b == null ? Keyset.decode(after) : null, b, size);
    }

    private Keyset from() {
        return before != null ? before : after;
    }

    /** " and (at, id) < (:keysetAt, :keysetId)" (or {@code >} going back), empty on the first page. */
    public String condition(String atColumn, String idColumn) {
        Keyset from = from();
        return from == null ? "" : " and (" + atColumn + ", " + idColumn + ") " + (before != null ? ">" : "<") + " (:keysetAt, :keysetId)";
    }

    /** The order to fetch in: newest first, or oldest first when going back (the rows are turned round after). */
    public String order(String atColumn, String idColumn) {
        String direction = before != null ? " asc" : " desc";
        return " order by " + atColumn + direction + ", " + idColumn + direction + " limit " + (size + 1);
    }

    public Map<String, Object> params() {
        Keyset from = from();
        return from == null ? Map.of() : Map.of("keysetAt", Timestamp.from(from.at()), "keysetId", from.id());
    }

    /** The page from at most {@code size + 1} fetched rows in {@link #order} order. */
    public <T> Rows<T> rows(List<T> fetched, Function<T, Keyset> key) {
        boolean more = fetched.size() > size;
        List<T> rows = new ArrayList<>(more ? fetched.subList(0, size) : fetched);
        if (before != null) {
            Collections.reverse(rows);
        }
        if (rows.isEmpty()) {
            return new Rows<>(rows, null, null);
        }
        boolean newer = before != null ? more : after != null;
        boolean older = before != null || more;
        return new Rows<>(rows, newer ? key.apply(rows.get(0)).encode() : null,
                older ? key.apply(rows.get(rows.size() - 1)).encode() : null);
    }
}
