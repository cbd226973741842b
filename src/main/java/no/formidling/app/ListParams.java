package no.formidling.app;

import no.formidling.web.ApiProblem;
import no.formidling.web.KeysetPage;
import org.springframework.http.HttpStatus;

/** A list page's request parameters as the search form and the page links send them (all optional). */
public record ListParams(String q, String status, String resource, String after, String before) {

    /** The status filter as one of {@code type}'s values, null for all; a status the list does not know is a 400. */
    public <E extends Enum<E>> E status(Class<E> type) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, status);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "There is no status " + status + " to filter by.");
        }
    }

    public KeysetPage page(int size) {
        return KeysetPage.of(after, before, size);
    }

    /** These parameters on the list at {@code path}, for its links. */
    public ListQuery at(String path) {
        return new ListQuery(path, q, status, resource, after, before);
    }
}
