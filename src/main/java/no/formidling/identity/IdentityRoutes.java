package no.formidling.identity;

import no.formidling.auth.RouteRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Identity's routes: the token endpoint and its metadata are open (the grant is the credential); everything else
 * needs a token, and the controllers check who may do what (the vendor, the organisation, a service owner). Declared
 * also while identity is off, so its paths answer as before (401 without a token, 404 with one).
 */
@Component
class IdentityRoutes implements RouteRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/token", "/.well-known/oauth-authorization-server").permitAll()
                .requestMatchers("/authentication/api/v1/**", "/maskinporten/api/v1/**").authenticated();
    }
}
