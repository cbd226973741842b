package no.formidling.register;

import static no.formidling.auth.RouteRules.anyScope;

import no.formidling.auth.RouteRules;
import no.formidling.auth.Scopes;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The party register is kept by service owners and operators. */
@Component
class RegisterRoutes implements RouteRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/register/api/v1/**").hasAnyAuthority(anyScope(Scopes.SERVICE_OWNER, Scopes.MAINTENANCE));
    }
}
