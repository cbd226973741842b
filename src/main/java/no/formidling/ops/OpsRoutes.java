package no.formidling.ops;

import static no.formidling.auth.RouteRules.scope;

import no.formidling.auth.RouteRules;
import no.formidling.auth.Scopes;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Operations over the API chain (the console pages have their own chain): Camunda's REST API needs maintenance; the
 * actuator's endpoints other than health and prometheus (which the shared chain leaves open) need a valid token.
 */
@Component
class OpsRoutes implements RouteRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/engine-rest/**").hasAuthority(scope(Scopes.MAINTENANCE))
                .requestMatchers("/actuator/**").authenticated();
    }
}
