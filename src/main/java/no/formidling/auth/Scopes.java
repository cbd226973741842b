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
    /** Arbeidsflate asks whether a correspondence may be forwarded. */
    public static final String CORRESPONDENCE_FORWARD_CHECK = "altinn:correspondence.forward.check";
    /** Altinn Notifications asks whether a notification or reminder is still wanted. */
    public static final String NOTIFICATION_CHECK = "altinn:system/notifications.condition.check";

    private Scopes() {
    }
}
