package no.formidling.bridge.admin;

import static no.formidling.auth.RouteRules.scope;

import no.formidling.auth.RouteRules;
import no.formidling.auth.Scopes;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The bridge admin API is for operators: it needs the maintenance scope. */
@Component
class BridgeAdminRoutes implements RouteRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/api/admin/bridge/**").hasAuthority(scope(Scopes.MAINTENANCE));
    }
}
