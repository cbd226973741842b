package no.formidling.app;

import java.util.List;
import java.util.Map;
import no.formidling.web.KeysetPage;

/**
 * What a paged list shows around its rows: the query, how many match in each status (each a link that filters by
 * it), how many match the filters in all, and the previous and next pages' links (null when there is none).
 */
public record ListView(ListQuery query, List<Count> counts, long total, String previous, String next) {

    /** One status's number of matches; {@code chosen} when the list is filtered by it. */
    public record Count(String status, long count, String link, boolean chosen) {
    }

    public static ListView of(ListQuery query, Map<? extends Enum<?>, Long> byStatus, KeysetPage.Rows<?> rows) {
        List<Count> counts = byStatus.entrySet().stream().map(e -> new Count(e.getKey().name(), e.getValue(),
                query.withStatus(e.getKey().name()), e.getKey().name().equals(query.status()))).toList();
        long total = query.status() == null || query.status().isBlank()
                ? byStatus.values().stream().mapToLong(Long::longValue).sum()
                : counts.stream().filter(Count::chosen).mapToLong(Count::count).sum();
        return new ListView(query, counts, total, rows.previous() == null ? null : query.page(null, rows.previous()),
                rows.next() == null ? null : query.page(rows.next(), null));
    }

    /** Whether any filter or search narrows the list (the page then says so when nothing matches). */
    public boolean filtered() {
        return notBlank(query.q()) || notBlank(query.status()) || notBlank(query.resource());
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
