package no.formidling.app;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A page session's authentication: the {@link PageUser} with role ORGANISATION, PERSON or OPERATOR. */
class PageAuthentication extends AbstractAuthenticationToken {
    static final String ORGANISATION = "ORGANISATION";
    static final String PERSON = "PERSON";
    static final String OPERATOR = "OPERATOR";
    private final PageUser user;

    PageAuthentication(PageUser user) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role())));
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public PageUser getPrincipal() {
        return user;
    }
}
