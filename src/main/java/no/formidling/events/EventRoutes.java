package no.formidling.events;

import static no.formidling.auth.RouteRules.scope;

import no.formidling.auth.RouteRules;
import no.formidling.auth.Scopes;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Subscriptions need the events scope (the controller keeps each to its owner); the dead-letter admin needs maintenance. */
@Component
class EventRoutes implements RouteRules {

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/events/api/v1/subscriptions/**").hasAuthority(scope(Scopes.EVENTS_SUBSCRIBE))
                .requestMatchers("/api/admin/events/**").hasAuthority(scope(Scopes.MAINTENANCE));
    }
}
