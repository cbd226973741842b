package no.formidling.web;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts per status that stop at {@link #CAP}: each status's count reads at most CAP + 1 matching rows from an index,
 * so a list's counts cost the same with a million rows as with ten thousand (counting every row of a million took
 * seconds). A count of CAP + 1 means "more than CAP"; no counts at all mean more than CAP matches in all.
 */
public final class CappedCounts {
    public static final long CAP = 10_000;

    private CappedCounts() {
    }

    /**
     * {@code status, count} for each of {@code statuses} (enum names, never user input) over {@code fromAndWhere}.
     * One branch per status with the status written out, so the planner picks each one's index by how common that
     * status is (a parameter made it scan the table for a status no row has).
     */
    private static String sql(Collection<? extends Enum<?>> statuses, String fromAndWhere, String statusColumn) {
        return statuses.stream().map(s -> "select '" + s.name() + "', (select count(*) from (select 1 " + fromAndWhere + " and "
                + statusColumn + " = '" + s.name() + "' limit " + (CAP + 1) + ") capped)").collect(Collectors.joining(" union all "));
    }

    /**
     * {@code status, count} over the first CAP + 1 rows of {@code fromAndWhere}: for a text search, where the rows
     * of one status may be few among many, and a trigram index finds the matches faster than any status index.
     * When the counts add up to more than CAP they are only a sample: use {@link #complete} to drop them.
     */
    private static String sampled(String fromAndWhere, String statusColumn) {
        return "select status, count(*) from (select " + statusColumn + " as status " + fromAndWhere + " limit " + (CAP + 1)
                + ") sample group by status";
    }

    /** The counts of {@link #sampled} when they are all the matches, else an empty map: "more than CAP", by status unknown. */
    public static <E> Map<E, Long> complete(Map<E, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum() > CAP ? new LinkedHashMap<>() : counts;
    }

    /**
     * Fills {@code counts} (every status the list offers, at zero) from {@code fromAndWhere} with its named
     * {@code params}: one capped count per status, or for a {@code search} a sample of its first matches.
     */
    public static <E extends Enum<E>> Map<E, Long> count(JdbcClient db, Map<E, Long> counts, Class<E> type, String fromAndWhere,
                                                         String statusColumn, Map<String, Object> params, boolean search) {
        db.sql(search ? sampled(fromAndWhere, statusColumn) : sql(counts.keySet(), fromAndWhere, statusColumn)).params(params)
                .query((rs, n) -> counts.put(Enum.valueOf(type, rs.getString(1)), rs.getLong(2))).list();
        return search ? complete(counts) : counts;
    }

    public static boolean more(long count) {
        return count > CAP;
    }
}
