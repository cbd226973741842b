package no.formidling.auth;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A feature's access rules for its own API routes, declared as a {@code @Component} beside its controllers. The API's
 * security chain applies the shared rules (health, docs, Cockpit, error), then every feature's rules, then denies
 * whatever no rule claimed: a new route is refused until its feature says who may call it.
 * <p>
 * Spring takes the first rule that matches, so within a feature the specific rules come before the broader ones.
 * Features are applied in a fixed order ({@code @Order}, then class name), but their routes must not overlap: each
 * feature claims only paths under its own prefixes.
 */
@FunctionalInterface
public interface RouteRules {

    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes);

    /** The authority a token's scope becomes, e.g. {@code SCOPE_altinn:broker.write}. */
    static String scope(String scope) {
        return "SCOPE_" + scope;
    }

    /** The authorities of any one of these scopes. */
    static String[] anyScope(String... scopes) {
        String[] authorities = new String[scopes.length];
        for (int i = 0; i < scopes.length; i++) {
            authorities[i] = scope(scopes[i]);
        }
        return authorities;
    }
}
