package no.formidling.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.formidling.auth.DevTokenIssuer;
import no.formidling.auth.Parties;
import no.formidling.auth.ServerIssuers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Maskinporten's token endpoint and metadata, so a client configured with only another token URL works unchanged. */
@RestController
@Tag(name = "Maskinporten", description = "A Maskinporten-compatible token endpoint (self-hosting addition)")
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class MaskinportenTokenController {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MaskinportenTokenController.class);
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private final JwtGrantVerifier verifier;
    private final DevTokenIssuer signer;
    private final ServerIssuers issuers;
    private final IdentityProperties properties;

    MaskinportenTokenController(JwtGrantVerifier verifier, DevTokenIssuer signer, ServerIssuers issuers, IdentityProperties properties) {
        this.verifier = verifier;
        this.signer = signer;
        this.issuers = issuers;
        this.properties = properties;
    }

    @Operation(summary = "Authorization server metadata (RFC 8414), as Maskinporten publishes it")
    @GetMapping(path = "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuers.maskinporten());
        m.put("token_endpoint", issuers.maskinporten() + "token");
        m.put("jwks_uri", issuers.maskinporten() + ".well-known/jwks.json");
        m.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        m.put("grant_types_supported", List.of(JWT_BEARER));
        m.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256", "RS384", "RS512"));
        m.put("authorization_details_types_supported", List.of(JwtGrantVerifier.SYSTEM_USER_TYPE));
        return m;
    }

    @Operation(summary = "A Maskinporten token for a JWT-bearer grant signed with a registered client key")
    @PostMapping(path = "/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
                                              @RequestParam(required = false) String assertion, HttpServletRequest request) {
        if (grantType == null || grantType.isBlank()) {
            throw OAuthError.invalidRequest("grant_type is missing: send grant_type=" + JWT_BEARER + " and assertion as a form.");
        }
        if (!JWT_BEARER.equals(grantType)) {
            throw OAuthError.unsupportedGrantType("Only grant_type " + JWT_BEARER + " is supported.");
        }
        if (assertion == null || assertion.isBlank()) {
            throw OAuthError.invalidRequest("assertion is missing: the signed JWT grant.");
        }
        JwtGrantVerifier.Grant grant = verifier.verify(assertion, audiences(request));
        long lifetime = properties.maskinportenTokenLifetime().toSeconds();
        String scope = String.join(" ", grant.scopes());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", signer.sign(accessToken(grant, scope, lifetime)));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", lifetime);
        answer.put("scope", scope);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    private JWTClaimsSet accessToken(JwtGrantVerifier.Grant grant, String scope, long lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuers.maskinporten())
                .claim("client_amr", "private_key_jwt")
                .claim("token_type", "Bearer")
                .claim("client_id", grant.client().clientId())
                .claim("consumer", org(grant.client().orgNo()))
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        if (grant.systemUser() != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("type", JwtGrantVerifier.SYSTEM_USER_TYPE);
            details.put("systemuser_id", List.of(grant.systemUser().systemUserId().toString()));
            details.put("systemuser_org", org(grant.systemUser().orgNo()));
            details.put("system_id", grant.systemUser().systemId());
            claims.claim("authorization_details", List.of(details));
        }
        return claims.build();
    }

    static Map<String, Object> org(String orgNo) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("authority", "iso6523-actorid-upis");
        org.put("ID", Parties.ofOrgNo(orgNo));
        return org;
    }

    /** The configured issuer, and the origin the client called plus {@code /} (localhost, 127.0.0.1, a container name). */
    private Set<String> audiences(HttpServletRequest request) {
        Set<String> audiences = new LinkedHashSet<>();
        audiences.add(issuers.maskinporten());
        String host = request.getHeader("Host");
        if (host != null && !host.isBlank()) {
            audiences.add(request.getScheme() + "://" + host + "/");
        }
        return audiences;
    }

    @ExceptionHandler(OAuthError.class)
    ResponseEntity<Map<String, String>> refused(OAuthError e) {
        log.info("Refused a token request: {}: {}", e.code(), e.getMessage());
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .body(Map.of("error", e.code(), "error_description", e.getMessage()));
    }
}
