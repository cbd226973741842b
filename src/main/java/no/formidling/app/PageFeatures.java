package no.formidling.app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Which optional pages this server has, for the navigation; used by the templates as {@code @pageFeatures}. */
@Component("pageFeatures")
public class PageFeatures {
    private final boolean identity;

    PageFeatures(@Value("${formidling.identity.enabled:false}") boolean identity) {
        this.identity = identity;
    }

    /** System users and Maskinporten clients ({@code formidling.identity.enabled}). */
    public boolean isIdentity() {
        return identity;
    }
}
