package no.formidling.broker;

import static no.formidling.auth.RouteRules.anyScope;
import static no.formidling.auth.RouteRules.scope;

import no.formidling.auth.RouteRules;
import no.formidling.auth.Scopes;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The Broker's policies, checked before the body is read (as upstream's {@code [Authorize]} does): the sender writes,
 * a recipient reads, both may look a transfer up. Every route is named; a new one is denied until it is added here.
 */
@Component
class BrokerRoutes implements RouteRules {
    private static final String FT = "/broker/api/v1/filetransfer";

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/broker/api/v1/serviceowner/**", "/broker/api/v1/resource/**", "/broker/api/v1/statistics/**")
                        .hasAuthority(scope(Scopes.SERVICE_OWNER))
                .requestMatchers(HttpMethod.POST, FT, FT + "/", FT + "/upload", FT + "/*/upload").hasAuthority(scope(Scopes.BROKER_WRITE))
                .requestMatchers(HttpMethod.DELETE, FT + "/*").hasAuthority(scope(Scopes.BROKER_WRITE))
                .requestMatchers(FT + "/upload/tus/**").hasAuthority(scope(Scopes.BROKER_WRITE))
                .requestMatchers(FT + "/*/download").hasAuthority(scope(Scopes.BROKER_READ))
                .requestMatchers(HttpMethod.POST, FT + "/*/confirmdownload").hasAuthority(scope(Scopes.BROKER_READ))
                // search, overview and details: sender or recipient; other methods on these routes get their 405 from MVC
                .requestMatchers(FT, FT + "/", FT + "/*", FT + "/*/details", FT + "/*/upload", FT + "/*/confirmdownload")
                        .hasAnyAuthority(anyScope(Scopes.BROKER_WRITE, Scopes.BROKER_READ));
    }
}
