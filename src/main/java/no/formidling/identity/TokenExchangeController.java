package no.formidling.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import no.formidling.auth.DevTokenIssuer;
import no.formidling.auth.Parties;
import no.formidling.auth.ServerIssuers;
import no.formidling.web.ApiProblem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Altinn's token exchange: a Maskinporten (or ID-porten) token in, an Altinn token out as {@code text/plain}, with the
 * claims Altinn's exchange gives. The bearer token was already verified by the security chain (signature, expiry,
 * a trusted issuer); here it must also come from a Maskinporten (or ID-porten) issuer.
 */
@RestController
@Tag(name = "Altinn token exchange", description = "Exchange a Maskinporten or ID-porten token for an Altinn token (self-hosting addition)")
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class TokenExchangeController {
    private final DevTokenIssuer signer;
    private final ServerIssuers issuers;
    private final IdentityProperties properties;

    TokenExchangeController(DevTokenIssuer signer, ServerIssuers issuers, IdentityProperties properties) {
        this.signer = signer;
        this.issuers = issuers;
        this.properties = properties;
    }

    @Operation(summary = "An Altinn token for a Maskinporten token (organisation, or system user)")
    @GetMapping("/authentication/api/v1/exchange/maskinporten")
    ResponseEntity<String> maskinporten(@AuthenticationPrincipal Jwt token, @RequestHeader(name = "Accept", required = false) String accept) {
        return answer(exchangeMaskinporten(token), accept);
    }

    @Operation(summary = "An Altinn token for a person's ID-porten token")
    @GetMapping("/authentication/api/v1/exchange/id-porten")
    ResponseEntity<String> idPorten(@AuthenticationPrincipal Jwt token, @RequestHeader(name = "Accept", required = false) String accept) {
        return answer(exchangeIdPorten(token), accept);
    }

    /** The token as text, or as a JSON string to a client that asks for JSON (as Altinn's ASP.NET answers it). */
    private static ResponseEntity<String> answer(String token, String accept) {
        boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON_VALUE) && !accept.contains(MediaType.TEXT_PLAIN_VALUE);
        return json ? ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("\"" + token + "\"")
                : ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(token);
    }

    private String exchangeMaskinporten(Jwt token) {
        String iss = token.getClaimAsString("iss");
        if (!issuers.maskinporten().equals(iss) && !properties.trustedMaskinportenIssuers().contains(iss)) {
            throw ApiProblem.of(HttpStatus.UNAUTHORIZED, "Only a Maskinporten token can be exchanged here; this one is from " + iss);
        }
        String party = token.getClaims().get("consumer") instanceof Map<?, ?> consumer && consumer.get("ID") instanceof String id
                ? Parties.normalize(id) : null;
        if (party == null) {
            throw ApiProblem.of(HttpStatus.UNAUTHORIZED, "The Maskinporten token names no consumer organisation (consumer.ID 0192:<orgNo>)");
        }
        JWTClaimsSet.Builder claims = base(token)
                .claim("consumer", token.getClaims().get("consumer"))
                .claim("client_id", token.getClaimAsString("client_id"))
                .claim("token_type", "Bearer")
                .claim("urn:altinn:orgNumber", Parties.orgNo(party))
                .claim("urn:altinn:authenticatemethod", "maskinporten")
                .claim("urn:altinn:authlevel", 3);
        Object details = token.getClaims().get("authorization_details");
        if (details != null) {
            claims.claim("authorization_details", details);
        }
        return signer.sign(claims.build());
    }

    private String exchangeIdPorten(Jwt token) {
        String pid = token.getClaimAsString("pid");
        if (pid == null || !pid.matches("\\d{11}") || issuers.altinn().equals(token.getClaimAsString("iss"))) {
            throw ApiProblem.of(HttpStatus.UNAUTHORIZED, "Only a person's ID-porten token (with pid) can be exchanged here");
        }
        Object level = token.getClaims().get("urn:altinn:authlevel");
        String acr = token.getClaimAsString("acr");
        return signer.sign(base(token)
                .subject(pid)
                .claim("pid", pid)
                .claim("urn:altinn:authenticatemethod", "IdPorten")
                .claim("urn:altinn:authlevel", level != null ? level : "idporten-loa-high".equals(acr) ? 4 : 3)
                .build());
    }

    private JWTClaimsSet.Builder base(Jwt token) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuers.altinn())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(properties.altinnTokenLifetime())))
                .claim("scope", token.getClaimAsString("scope"));
    }
}
