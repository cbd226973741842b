package no.formidling.auth;

import static no.formidling.testsupport.BrokerApi.ORG_A;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.MappingMatch;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletMapping;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Default deny holds and costs nothing: every route our controllers map on the API chain is claimed by a rule of its
 * feature ({@link RouteRules}), so only a route nobody declared falls through to the chain's deny-all. A caller holding
 * every scope is let through by every rule but the deny-all, so a refusal for that caller means "no feature claimed it".
 */
@IntegrationTest
class RouteRulesIT {
    private static final String SAMPLE = "00000000-0000-4000-8000-000000000001";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    FilterChainProxy security;
    @Autowired
    ServletContext servletContext;
    @LocalServerPort
    int port;

    SecurityFilterChain api;
    AuthorizationManager<jakarta.servlet.http.HttpServletRequest> rules;

    @BeforeEach
    void findTheApiChain() {
        api = security.getFilterChains().stream()
                .filter(c -> c.getFilters().stream().anyMatch(BearerTokenAuthenticationFilter.class::isInstance))
                .findFirst().orElseThrow();
        rules = api.getFilters().stream().filter(AuthorizationFilter.class::isInstance).map(AuthorizationFilter.class::cast)
                .findFirst().orElseThrow().getAuthorizationManager();
    }

    @Test
    void everyMappedRouteOnTheApiChainIsClaimedByItsFeature() {
        Set<String> checked = new TreeSet<>();
        List<String> unclaimed = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!ours(handler)) {
                return; // springdoc, Camunda: framework routes, open by the shared rules
            }
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods(info)) {
                    String route = method + " " + pattern;
                    MockHttpServletRequest request = request(method.name(), sample(pattern));
                    if (chainFor(request) != api) {
                        continue; // the pages (/app, /ops) have their own chain with its own rules
                    }
                    checked.add(route + "  (" + handler.getBeanType().getSimpleName() + ")");
                    if (!granted(allScopes(), request)) {
                        unclaimed.add(route + " in " + handler.getBeanType().getName());
                    }
                }
            }
        });
        assertThat(checked).as("API routes found").hasSizeGreaterThan(80)
                .anyMatch(r -> r.startsWith("POST /broker/api/v1/filetransfer "))
                .anyMatch(r -> r.startsWith("GET /correspondence/api/v1/correspondence/{correspondenceId} "))
                .anyMatch(r -> r.startsWith("POST /token "));
        assertThat(unclaimed).as("routes that no feature's RouteRules claim (they are denied to every caller); "
                + "add a rule beside the controller").isEmpty();
    }

    @Test
    void aRouteNoFeatureClaimedIsDeniedEvenWithEveryScope() {
        for (String path : List.of("/broker/api/v1/filetransfer/" + SAMPLE + "/unclaimed", "/broker/api/v1/unclaimed",
                "/correspondence/api/v1/correspondence/" + SAMPLE + "/unclaimed", "/correspondence/api/v1/unclaimed",
                "/api/admin/unclaimed", "/.well-known/unclaimed", "/resourceregistry/api/v1/unclaimed", "/unclaimed")) {
            assertThat(granted(allScopes(), request("GET", path))).as(path).isFalse();
        }
        // over HTTP: a token is no key to an unclaimed route (403), and without one the answer is still 401
        BrokerApi http = new BrokerApi(port);
        String token = http.token(ORG_A, "altinn:broker.read altinn:broker.write");
        BrokerApi.Response denied = http.get("/broker/api/v1/filetransfer/" + SAMPLE + "/unclaimed", token);
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(denied.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/broker/api/v1/filetransfer/" + SAMPLE + "/unclaimed", null).status()).isEqualTo(401);
    }

    @Test
    void identityRoutesKeepTheirAccess() {
        Authentication anonymous = new AnonymousAuthenticationToken("key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        Authentication noScopes = new TestingAuthenticationToken("caller", null, List.of());
        assertThat(granted(anonymous, request("POST", "/token"))).isTrue();
        assertThat(granted(anonymous, request("GET", "/.well-known/oauth-authorization-server"))).isTrue();
        assertThat(granted(anonymous, request("GET", "/.well-known/jwks.json"))).isTrue();
        for (String path : List.of("/authentication/api/v1/exchange/maskinporten", "/authentication/api/v1/systemregister/vendor",
                "/authentication/api/v1/anything/else", "/maskinporten/api/v1/clients/x", "/maskinporten/api/v1/anything")) {
            assertThat(granted(anonymous, request("GET", path))).as(path).isFalse();
            assertThat(granted(noScopes, request("GET", path))).as(path + ": the controllers decide").isTrue();
        }
    }

    private boolean granted(Authentication who, MockHttpServletRequest request) {
        Supplier<Authentication> caller = () -> who;
        var decision = rules.authorize(caller, request);
        return decision != null && decision.isGranted();
    }

    private SecurityFilterChain chainFor(MockHttpServletRequest request) {
        return security.getFilterChains().stream().filter(c -> c.matches(request)).findFirst().orElseThrow();
    }

    private MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(servletContext, method, path);
        request.setServletPath(path);
        // as the container says for a request to Spring MVC (Camunda's Jersey servlet is mapped beside it)
        request.setHttpServletMapping(new MockHttpServletMapping("", "/", dispatcherServlet(), MappingMatch.DEFAULT));
        return request;
    }

    private String dispatcherServlet() {
        return servletContext.getServletRegistrations().values().stream()
                .filter(r -> DispatcherServlet.class.getName().equals(r.getClassName()))
                .map(ServletRegistration::getName).findFirst().orElseThrow();
    }

    private static boolean ours(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith("no.formidling.");
    }

    /** The declared methods, or every method for a mapping that takes any. */
    private static Set<RequestMethod> methods(RequestMappingInfo info) {
        Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
        return declared.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE) : declared;
    }

    /** A concrete path for a pattern: each {@code {variable}} becomes a sample value. */
    private static String sample(String pattern) {
        return pattern.replaceAll("\\{[^/}]+}", SAMPLE);
    }

    /** A caller with every scope this server knows: every rule but the deny-all lets it through. */
    private static Authentication allScopes() {
        List<String> authorities = new ArrayList<>();
        for (Field f : Scopes.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    authorities.add(RouteRules.scope((String) f.get(null)));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return new TestingAuthenticationToken("every-scope", null, AuthorityUtils.createAuthorityList(authorities));
    }
}
