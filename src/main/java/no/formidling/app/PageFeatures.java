package no.formidling.app;

import no.formidling.auth.ResourceRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Which optional pages this server has, for the navigation; used by the templates as {@code @pageFeatures}. */
@Component("pageFeatures")
public class PageFeatures {
    private final boolean identity;
    private final ResourceRegistry registry;

    PageFeatures(@Value("${formidling.identity.enabled:false}") boolean identity, ResourceRegistry registry) {
        this.identity = identity;
        this.registry = registry;
    }

    /** System users and Maskinporten clients ({@code formidling.identity.enabled}). */
    public boolean isIdentity() {
        return identity;
    }

    /** Sent messages: for an organisation that owns a resource, as only a service owner sends correspondence. */
    public boolean sentMessages(PageUser me) {
        return me.party() != null && registry.serviceOwners().contains(me.party());
    }
}
