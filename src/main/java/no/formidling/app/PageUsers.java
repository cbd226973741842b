package no.formidling.app;

import java.time.Duration;
import no.formidling.auth.AuthProperties;
import no.formidling.auth.Caller;
import no.formidling.auth.CallerResolver;
import no.formidling.auth.DevTokenIssuer;
import no.formidling.auth.Scopes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;

/** The signed-in page user, and the bearer token the browser uses for the API calls it makes itself (TUS). */
@Component
public class PageUsers {
    static final Duration BROWSER_TOKEN_TTL = Duration.ofHours(1);
    private final DevTokenIssuer devTokens;
    private final AuthProperties auth;
    private final ObjectProvider<OAuth2AuthorizedClientService> authorizedClients;
    private final JwtDecoder apiTokens;

    PageUsers(DevTokenIssuer devTokens, AuthProperties auth,
              ObjectProvider<OAuth2AuthorizedClientService> authorizedClients, JwtDecoder apiTokens) {
        this.apiTokens = apiTokens;
        this.devTokens = devTokens;
        this.auth = auth;
        this.authorizedClients = authorizedClients;
    }

    public PageUser current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a instanceof PageAuthentication page) {
            return page.getPrincipal();
        }
        if (a instanceof OAuth2AuthenticationToken oidc && oidc.getPrincipal() instanceof PageSecurityConfig.PageOidcUser user) {
            return user.page();
        }
        throw new org.springframework.security.access.AccessDeniedException("Not signed in to the pages");
    }

    /**
     * A person of the dev sign-in, as the API sees the dev token issuer's personal token for {@code pid} (read by the
     * API's own decoder): the page then acts with the caller that token would give.
     */
    PageUser devPerson(String pid, String name) {
        Caller caller = CallerResolver.fromJwt(apiTokens.decode(devTokens.personalToken(pid, Scopes.CORRESPONDENCE_READ, BROWSER_TOKEN_TTL)));
        return PageUser.person(caller.person(), name);
    }

    /**
     * A token for the browser's own API calls: a dev token for the organisation on the embedded default, the
     * identity provider's access token with {@code prod} (its issuer must also be a trusted issuer of the API).
     */
    String browserToken(PageUser user) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a instanceof OAuth2AuthenticationToken oidc) {
            OAuth2AuthorizedClientService clients = authorizedClients.getIfAvailable();
            OAuth2AuthorizedClient client = clients == null ? null
                    : clients.loadAuthorizedClient(oidc.getAuthorizedClientRegistrationId(), oidc.getName());
            return client == null ? null : client.getAccessToken().getTokenValue();
        }
        if (auth.devTokens() && user.orgNo() != null) {
            return devTokens.enterpriseToken(null, user.orgNo(), Scopes.BROKER_WRITE + " " + Scopes.BROKER_READ, BROWSER_TOKEN_TTL);
        }
        return null;
    }
}
