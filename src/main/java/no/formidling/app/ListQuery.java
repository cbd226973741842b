package no.formidling.app;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A list page's address as the person left it: search text, status and resource filters, and the page they are on.
 * Every link the page makes (next, previous, a status count, the live refresh) keeps the filters.
 */
public record ListQuery(String path, String q, String status, String resource, String after, String before) {

    /** The first page with a different status filter (null: all statuses). */
    public String withStatus(String otherStatus) {
        return link(path, otherStatus, null, null);
    }

    /** Another page of the same list: after (older than) or before (newer than) a cursor. */
    public String page(String afterCursor, String beforeCursor) {
        return link(path, status, afterCursor, beforeCursor);
    }

    /** This very page at another address, e.g. the rows fragment a page polls. */
    public String at(String otherPath) {
        return link(otherPath, status, after, before);
    }

    private String link(String to, String withStatus, String afterCursor, String beforeCursor) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(to);
        add(b, "q", q);
        add(b, "status", withStatus);
        add(b, "resource", resource);
        add(b, "after", afterCursor);
        add(b, "before", beforeCursor);
        return b.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder b, String name, String value) {
        if (value != null && !value.isBlank()) {
            b.queryParam(name, value);
        }
    }
}
