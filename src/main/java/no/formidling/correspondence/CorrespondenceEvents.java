package no.formidling.correspondence;

import no.formidling.events.EventSource;

/** Correspondence's events: upstream's type prefix, with the API path of what they are about as their source. */
final class CorrespondenceEvents {
    private static final String TYPE_PREFIX = "no.altinn.correspondence.";
    private static final String API = "/correspondence/api/v1/";

    static final EventSource CORRESPONDENCE = new EventSource(TYPE_PREFIX, API + "correspondence");
    static final EventSource ATTACHMENT = new EventSource(TYPE_PREFIX, API + "attachment");
    static final EventSource NOTIFICATION = new EventSource(TYPE_PREFIX, API + "notification");

    private CorrespondenceEvents() {
    }
}
