package no.formidling.correspondence;

import static no.formidling.auth.RouteRules.anyScope;
import static no.formidling.auth.RouteRules.scope;

import no.formidling.auth.RouteRules;
import no.formidling.auth.Scopes;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Correspondence's policies as upstream's: Sender = write, Recipient = read, SenderOrRecipient = either; Arbeidsflate's
 * forward check and Notifications' condition check have scopes of their own. Every route is named; a new one is
 * denied until it is added here.
 */
@Component
class CorrespondenceRoutes implements RouteRules {
    private static final String API = "/correspondence/api/v1";
    private static final String C = API + "/correspondence";

    @Override
    public void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(API + "/attachment/**", API + "/attachment").hasAuthority(scope(Scopes.CORRESPONDENCE_WRITE))
                .requestMatchers(HttpMethod.POST, C, C + "/upload").hasAuthority(scope(Scopes.CORRESPONDENCE_WRITE))
                .requestMatchers(C + "/*/content", C + "/*/markasread", C + "/*/confirm", C + "/*/forward",
                        C + "/*/attachment/*/download", C + "/*/attachments/downloadall",
                        API + "/confidential-reminders", API + "/legacy/**").hasAuthority(scope(Scopes.CORRESPONDENCE_READ))
                .requestMatchers(C + "/*/forward/check").hasAuthority(scope(Scopes.CORRESPONDENCE_FORWARD_CHECK))
                .requestMatchers(C + "/*/notification/check", C + "/*/notification/check/main")
                        .hasAnyAuthority(anyScope(Scopes.NOTIFICATION_CHECK, Scopes.CORRESPONDENCE_WRITE, Scopes.CORRESPONDENCE_READ))
                // search, overview, details and purge: sender or recipient; other methods on these routes get their 405 from MVC
                .requestMatchers(C, C + "/", C + "/*", C + "/*/details", C + "/*/purge")
                        .hasAnyAuthority(anyScope(Scopes.CORRESPONDENCE_WRITE, Scopes.CORRESPONDENCE_READ));
    }
}
