package no.formidling.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.formidling.web.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;

/**
 * The API's chain, default deny: health, docs, Cockpit and the error page are open; every other route is open or needs
 * a bearer token with a scope as its feature's {@link RouteRules} say, and a route no feature claimed is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfig {

    /**
     * Spring Security observes each filter of its chain, each authentication and each authorization on every request:
     * spans nobody exports, about a tenth of a small request's CPU, and still 4 % when only switched off by an
     * observation predicate. Without these settings it does not wrap anything; http.server.requests still times every request.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, List<RouteRules> features) throws Exception {
        http.csrf(c -> c.disable())
                // never touch a browser's page session (its cookie rides along on the send page's TUS calls): no session id change
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/health", "/actuator/health/**", "/actuator/prometheus", "/swagger-ui.html",
                            "/swagger-ui/**", "/v3/api-docs/**", "/api/broker/spec/**", "/api/broker/spec", "/api/correspondence/spec/**",
                            "/api/correspondence/spec", "/camunda/**", "/favicon.ico", "/", "/error").permitAll();
                    // each feature's own rules, beside its controllers; then whatever no feature claimed is refused
                    inOrder(features).forEach(f -> f.apply(a));
                    a.anyRequest().denyAll();
                })
                .oauth2ResourceServer(o -> o
                        .jwt(j -> { })
                        .authenticationEntryPoint((req, res, e) -> write(res, json, HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((req, res, e) -> write(res, json, HttpStatus.FORBIDDEN, "The token does not carry the scope this operation needs.")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> write(res, json, HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((req, res, ex) -> write(res, json, HttpStatus.FORBIDDEN, "The token does not carry the scope this operation needs.")));
        return http.build();
    }

    /** The features' rules in a fixed order: by {@code @Order}, then by class name (their routes do not overlap). */
    static List<RouteRules> inOrder(List<RouteRules> features) {
        List<RouteRules> sorted = new ArrayList<>(features);
        sorted.sort(AnnotationAwareOrderComparator.INSTANCE.thenComparing(f -> ClassUtils.getUserClass(f).getName()));
        return sorted;
    }

    /**
     * Chooses the verifier by the token: the cluster's key by key id (dev tokens, and this server's Maskinporten and
     * Altinn exchange tokens when identity is on), otherwise a configured issuer by {@code iss}; tokens that passed are
     * remembered until they expire.
     */
    @Bean
    JwtDecoder jwtDecoder(AuthProperties props, DevTokenIssuer ownKey, ServerIssuers issuers,
                          @Value("${formidling.identity.enabled:false}") boolean identity) {
        Map<String, JwtDecoder> byIssuer = new LinkedHashMap<>();
        for (AuthProperties.TrustedIssuer trusted : props.trustedIssuers()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(trusted.jwksUri()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(trusted.issuer()));
            byIssuer.put(trusted.issuer(), decoder);
        }
        JwtDecoder own = props.devTokens() || identity ? ownKeyDecoder(ownKey, props.devTokens(), identity ? issuers : null) : null;
        return new VerifiedTokenCache(token -> {
            try {
                var parsed = JWTParser.parse(token);
                if (own != null && parsed.getHeader() instanceof com.nimbusds.jose.JWSHeader h
                        && DevTokenIssuer.KEY_ID.equals(h.getKeyID())) {
                    return own.decode(token);
                }
                JwtDecoder trusted = byIssuer.get(parsed.getJWTClaimsSet().getIssuer());
                if (trusted == null) {
                    throw new BadJwtException("Token issuer is not trusted");
                }
                return trusted.decode(token);
            } catch (ParseException e) {
                throw new BadJwtException("Malformed token");
            }
        });
    }

    /** Verifies the cluster key's signature and that the issuer is one this server signs for while it is switched on. */
    private static JwtDecoder ownKeyDecoder(DevTokenIssuer ownKey, boolean devTokens, ServerIssuers identity) {
        try {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(ownKey.publicKey().toRSAPublicKey()).build();
            OAuth2TokenValidator<Jwt> issuer = jwt -> {
                String iss = jwt.getClaimAsString("iss");
                boolean ours = (devTokens && ownKey.issuer().equals(iss))
                        || (identity != null && (identity.maskinporten().equals(iss) || identity.altinn().equals(iss)));
                return ours ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token's issuer is not accepted here", null));
            };
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), issuer));
            return decoder;
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(HttpServletResponse res, ObjectMapper json, HttpStatus status, String detail) throws IOException {
        res.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            res.setHeader("WWW-Authenticate", "Bearer");
        }
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), Problems.of(status, null, detail));
    }
}
