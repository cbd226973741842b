package no.formidling.app;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import no.formidling.auth.Caller;
import no.formidling.auth.CallerPrincipal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The pages' own chain, ahead of the API's stateless bearer-token chain: a session (the browser's cookie), CSRF on
 * every form, sign-in at {@code /app/signin} (dev sign-in, or OpenID Connect when a client registration exists).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcPartyMapping.class)
class PageSecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidcClients, OidcPartyMapping mapping)
            throws Exception {
        http.securityMatcher("/app/**", "/ops/**", "/assets/**", "/webjars/**", "/oauth2/**", "/login/oauth2/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/assets/**", "/webjars/**", "/app/signin", "/app/signin/**", "/app/error").permitAll()
                        .requestMatchers("/ops/**").hasRole(PageAuthentication.OPERATOR)
                        .requestMatchers("/app", "/app/messages", "/app/messages/**").hasAnyRole(PageAuthentication.ORGANISATION, PageAuthentication.PERSON)
                        .requestMatchers("/app/**").hasRole(PageAuthentication.ORGANISATION)
                        .anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/app/signin"))
                        .accessDeniedHandler(PageSecurityConfig::denied))
                .logout(l -> l.logoutUrl("/app/signout").logoutSuccessUrl("/app/signin?signedOut"))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")));
        if (oidcClients.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage("/app/signin")
                    .defaultSuccessUrl("/app/signin/done", true)
                    .userInfoEndpoint(u -> u.oidcUserService(pageUsers(mapping))));
        }
        return http.build();
    }

    /**
     * A form without a valid CSRF token is refused (403, a sentence, nothing done); a signed-in user on a page of the
     * other kind (organisation on /ops, operator on /app) is sent to the sign-in page with an explanation.
     */
    private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        if (e instanceof CsrfException) {
            response.setStatus(403);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("The form has expired or did not come from this site. Go back, reload the page and try again.");
            return;
        }
        response.sendRedirect(request.getContextPath() + "/app/signin?denied");
    }

    /** Turns the identity provider's user into an organisation or operator by the documented claim mapping. */
    private static OAuth2UserService<OidcUserRequest, OidcUser> pageUsers(OidcPartyMapping mapping) {
        OidcUserService standard = new OidcUserService();
        return request -> {
            OidcUser user = standard.loadUser(request);
            PageUser page = mapping.map(user.getClaims(), user.getName());
            if (page == null) {
                throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
                        "The sign-in names no organisation (claim " + mapping.partyClaim() + ") and no person (claim " + mapping.personClaim() + ")", null));
            }
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            authorities.add(new SimpleGrantedAuthority("ROLE_" + page.role()));
            return new PageOidcUser(authorities, user, page);
        };
    }

    /** The provider's user as the pages and the use cases see it: its claims, and the mapped {@link PageUser} as caller. */
    static final class PageOidcUser extends DefaultOidcUser implements CallerPrincipal {
        private final PageUser page;

        PageOidcUser(Set<GrantedAuthority> authorities, OidcUser user, PageUser page) {
            super(authorities, user.getIdToken(), user.getUserInfo());
            this.page = page;
        }

        PageUser page() {
            return page;
        }

        @Override
        public Caller caller() {
            return page.caller();
        }
    }
}
