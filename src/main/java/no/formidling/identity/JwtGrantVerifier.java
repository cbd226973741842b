package no.formidling.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.formidling.auth.Parties;
import org.springframework.stereotype.Component;

/**
 * Checks a JWT-bearer grant as Maskinporten documents it: signed RS256/384/512 with a key registered for the client
 * ({@code kid}) or a registered certificate ({@code x5c}); {@code iss} the client id; {@code aud} this server;
 * {@code iat}/{@code exp} at most 120 s apart; scopes within the client's; a {@code jti} never accepted twice; and, for a
 * system user, an organisation that has accepted one for a system this client runs.
 */
@Component
class JwtGrantVerifier {
    static final Duration MAX_LIFETIME = Duration.ofSeconds(120);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    static final String SYSTEM_USER_TYPE = "urn:altinn:systemuser";
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    /** The system user a grant acts as. */
    record SystemUserGrant(UUID systemUserId, String orgNo, String systemId) {
    }

    /** A verified grant: who asked, for which scopes, and as which system user (or null). */
    record Grant(MaskinportenClients.Client client, List<String> scopes, SystemUserGrant systemUser) {
    }

    private final MaskinportenClients clients;
    private final SystemRegister systems;
    private final SystemUsers systemUsers;
    private final UsedAssertions usedAssertions;
    private final Clock clock;

    JwtGrantVerifier(MaskinportenClients clients, SystemRegister systems, SystemUsers systemUsers, UsedAssertions usedAssertions, Clock clock) {
        this.clients = clients;
        this.systems = systems;
        this.systemUsers = systemUsers;
        this.usedAssertions = usedAssertions;
        this.clock = clock;
    }

    /** @param audiences the {@code aud} values this server answers to (its issuer, and the origin it was called at plus {@code /}) */
    Grant verify(String assertion, Set<String> audiences) {
        SignedJWT jwt = signed(assertion);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthError.invalidGrant("The assertion's claims are not a JSON object.");
        }
        String clientId = claims.getIssuer();
        if (clientId == null || clientId.isBlank()) {
            throw OAuthError.invalidGrant("The assertion has no iss: it must be the client id.");
        }
        MaskinportenClients.Client client = clients.find(clientId)
                .orElseThrow(() -> OAuthError.invalidClient("No client with id '" + clientId + "' is registered."));
        RSAKey key = keyFor(client, jwt.getHeader());
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw OAuthError.invalidClient("The assertion's signature does not match the client's key '" + key.getKeyID() + "'.");
            }
        } catch (JOSEException e) {
            throw OAuthError.invalidClient("The assertion's signature cannot be checked with the client's key: " + e.getMessage());
        }
        checkAudience(claims, audiences);
        Instant expires = checkLifetime(claims);
        List<String> scopes = checkScopes(claims, client);
        SystemUserGrant systemUser = systemUser(claims, client);
        if (claims.getJWTID() != null && !usedAssertions.firstUse(clientId, claims.getJWTID(), expires)) {
            throw OAuthError.invalidGrant("The assertion's jti '" + claims.getJWTID() + "' was used before; every grant needs a new one.");
        }
        return new Grant(client, scopes, systemUser);
    }

    private static SignedJWT signed(String assertion) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(assertion);
        } catch (ParseException e) {
            throw OAuthError.invalidGrant("The assertion is not a JWT.");
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            throw OAuthError.invalidGrant("The assertion must be signed with RS256, RS384 or RS512; an unsigned or encrypted JWT is refused.");
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw OAuthError.invalidGrant("The assertion is signed with " + jwt.getHeader().getAlgorithm() + "; only RS256, RS384 and RS512 are accepted.");
        }
        return jwt;
    }

    /** The registered key the header names: a certificate in {@code x5c}, else the key id in {@code kid}. */
    private static RSAKey keyFor(MaskinportenClients.Client client, JWSHeader header) {
        List<Base64> chain = header.getX509CertChain();
        if (chain != null && !chain.isEmpty()) {
            X509Certificate certificate = X509CertUtils.parse(chain.get(0).decode());
            if (certificate == null) {
                throw OAuthError.invalidClient("The assertion's x5c is not an X.509 certificate.");
            }
            for (JWK registered : client.jwks().getKeys()) {
                if (registered instanceof RSAKey rsa && sameKey(rsa, certificate)) {
                    return rsa;
                }
            }
            throw OAuthError.invalidClient("The certificate in x5c is not registered for client '" + client.clientId() + "'.");
        }
        if (header.getKeyID() == null) {
            throw OAuthError.invalidClient("The assertion names no key: give kid (a key registered for the client) or x5c (its certificate).");
        }
        JWK registered = client.jwks().getKeyByKeyId(header.getKeyID());
        if (!(registered instanceof RSAKey rsa)) {
            throw OAuthError.invalidClient("No RSA key with kid '" + header.getKeyID() + "' is registered for client '" + client.clientId() + "'.");
        }
        return rsa;
    }

    private static boolean sameKey(RSAKey registered, X509Certificate certificate) {
        try {
            return registered.toPublicKey().equals(certificate.getPublicKey());
        } catch (JOSEException e) {
            return false;
        }
    }

    private static void checkAudience(JWTClaimsSet claims, Set<String> audiences) {
        List<String> aud = claims.getAudience();
        if (aud == null || aud.isEmpty()) {
            throw OAuthError.invalidGrant("The assertion has no aud: it must be this server's issuer, " + audiences.iterator().next());
        }
        if (aud.stream().noneMatch(audiences::contains)) {
            throw OAuthError.invalidGrant("The assertion's aud " + aud + " is not this server; use " + String.join(" or ", audiences) + ".");
        }
    }

    private Instant checkLifetime(JWTClaimsSet claims) {
        Date iat = claims.getIssueTime();
        Date exp = claims.getExpirationTime();
        if (iat == null || exp == null) {
            throw OAuthError.invalidGrant("The assertion must carry iat and exp.");
        }
        Instant now = Instant.now(clock);
        if (!exp.toInstant().isAfter(now.minus(CLOCK_SKEW))) {
            throw OAuthError.invalidGrant("The assertion expired at " + exp.toInstant() + ".");
        }
        if (iat.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw OAuthError.invalidGrant("The assertion's iat " + iat.toInstant() + " is in the future.");
        }
        // the clock skew here too: upstream's Postman helper signs iat = now - 5 s and exp = now + 120 s, and Maskinporten takes it
        if (Duration.between(iat.toInstant(), exp.toInstant()).compareTo(MAX_LIFETIME.plus(CLOCK_SKEW)) > 0) {
            throw OAuthError.invalidGrant("The assertion may live at most 120 seconds (exp - iat, 10 s of clock skew allowed).");
        }
        return exp.toInstant();
    }

    private static List<String> checkScopes(JWTClaimsSet claims, MaskinportenClients.Client client) {
        Object scope = claims.getClaim("scope");
        if (!(scope instanceof String text) || text.isBlank()) {
            throw OAuthError.invalidScope("The assertion must carry scope: the space-separated scopes asked for.");
        }
        List<String> asked = List.of(text.trim().split("\\s+"));
        for (String s : asked) {
            if (!client.scopes().contains(s)) {
                throw OAuthError.invalidScope("Scope '" + s + "' is not granted to client '" + client.clientId() + "'.");
            }
        }
        return asked.stream().distinct().toList();
    }

    private SystemUserGrant systemUser(JWTClaimsSet claims, MaskinportenClients.Client client) {
        Object details = claims.getClaim("authorization_details");
        if (details == null) {
            return null;
        }
        List<?> entries = details instanceof List<?> list ? list : List.of(details);
        SystemUserGrant found = null;
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map) || !SYSTEM_USER_TYPE.equals(map.get("type"))) {
                throw OAuthError.invalidRequest("authorization_details: only entries of type " + SYSTEM_USER_TYPE + " are understood here.");
            }
            // Maskinporten takes the organisation number bare (upstream's Postman collection and TUS harness send it so) or prefixed
            String party = map.get("systemuser_org") instanceof Map<?, ?> org && org.get("ID") instanceof String id
                    ? Parties.normalize(Parties.isOrgNo(id.trim()) ? Parties.ofOrgNo(id.trim()) : id) : null;
            if (party == null) {
                throw OAuthError.invalidRequest("authorization_details: systemuser_org.ID must be an organisation number (0192:<orgNo> or the nine digits).");
            }
            String orgNo = Parties.orgNo(party);
            String externalRef = map.get("externalRef") instanceof String ref && !ref.isBlank() ? ref : null;
            found = systemUserFor(client, orgNo, externalRef).orElseThrow(() -> OAuthError.invalidGrant(
                    "Organisation " + orgNo + " has no accepted system user for a system that client '" + client.clientId() + "' runs."));
        }
        return found;
    }

    private Optional<SystemUserGrant> systemUserFor(MaskinportenClients.Client client, String orgNo, String externalRef) {
        List<SystemUserGrant> candidates = new ArrayList<>();
        for (SystemRegister.RegisteredSystem system : systems.ofClient(client.clientId())) {
            systemUsers.live(system.systemId(), orgNo, externalRef)
                    .ifPresent(u -> candidates.add(new SystemUserGrant(u.id(), orgNo, system.systemId())));
        }
        return candidates.stream().findFirst();
    }
}
