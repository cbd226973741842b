package no.formidling.auth;

/** Altinn scopes this server understands. */
public final class Scopes {
    public static final String BROKER_WRITE = "altinn:broker.write";
    public static final String BROKER_READ = "altinn:broker.read";
    public static final String SERVICE_OWNER = "altinn:serviceowner";
    public static final String MAINTENANCE = "altinn:broker.maintenance";
    public static final String EVENTS_SUBSCRIBE = "altinn:events.subscribe";
    public static final String CORRESPONDENCE_WRITE = "altinn:correspondence.write";
    public static final String CORRESPONDENCE_READ = "altinn:correspondence.read";

    private Scopes() {
    }
}
