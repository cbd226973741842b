package no.formidling.auth;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call this package's routes: the dev token issuer, the JWKS and the local resource registry. */
@Component
class AuthRoutes implements RouteRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/api/GetEnterpriseToken", "/api/GetPersonalToken", "/.well-known/jwks.json").permitAll()
                // any caller may read; the controller lets only the resource's service owner write
                .requestMatchers("/resourceregistry/api/v1/resource/*").authenticated();
    }
}
