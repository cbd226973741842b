package no.formidling.app;

import java.util.List;
import java.util.Map;
import no.formidling.web.CappedCounts;
import no.formidling.web.KeysetPage;

/**
 * What a paged list shows around its rows: the query, how many match in each status (each a link that filters by
 * it), how many match the filters in all ({@code more}: more than {@code total}, as counts stop at
 * {@link CappedCounts#CAP}), and the previous and next pages' links (null when there is none).
 */
public record ListView(ListQuery query, List<Count> counts, long total, boolean more, String previous, String next) {

    /** One status's number of matches ({@code more}: more than {@code count}); {@code chosen} when the list is filtered by it. */
    public record Count(String status, long count, boolean more, String link, boolean chosen) {
    }

    public static ListView of(ListQuery query, Map<? extends Enum<?>, Long> byStatus, KeysetPage.Rows<?> rows) {
        List<Count> counts = byStatus.entrySet().stream().map(e -> new Count(e.getKey().name(), Math.min(e.getValue(), CappedCounts.CAP),
                CappedCounts.more(e.getValue()), query.withStatus(e.getKey().name()), e.getKey().name().equals(query.status()))).toList();
        List<Count> summed = query.status() == null || query.status().isBlank() ? counts : counts.stream().filter(Count::chosen).toList();
        String previous = rows.previous() == null ? null : query.page(null, rows.previous());
        String next = rows.next() == null ? null : query.page(rows.next(), null);
        if (byStatus.isEmpty()) {
            return new ListView(query, counts, CappedCounts.CAP, true, previous, next);
        }
        return new ListView(query, counts, summed.stream().mapToLong(Count::count).sum(), summed.stream().anyMatch(Count::more), previous, next);
    }

    /** Whether any filter or search narrows the list (the page then says so when nothing matches). */
    public boolean filtered() {
        return notBlank(query.q()) || notBlank(query.status()) || notBlank(query.resource());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
