package no.formidling.web;

/** What a search box typed, as an ILIKE pattern that finds it anywhere in a column (a trigram index serves it). */
public final class TextSearch {
    private TextSearch() {
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
