package no.formidling.testsupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Signs JWT-bearer grants the way Maskinporten clients do, and posts them to the server's token endpoint. */
public final class MaskinportenGrants {
    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private MaskinportenGrants() {
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A grant's parts; each test changes the one it is about. */
    public record Grant(String clientId, String audience, String scope, Instant issuedAt, long lifetimeSeconds, String jti,
                        List<Map<String, Object>> authorizationDetails) {

        public static Grant of(String clientId, String audience, String scope) {
            return new Grant(clientId, audience, scope, Instant.now(), 110, UUID.randomUUID().toString(), null);
        }

        public Grant forSystemUserOf(String orgNo) {
            return new Grant(clientId, audience, scope, issuedAt, lifetimeSeconds, jti, List.of(Map.of("type", "urn:altinn:systemuser",
                    "systemuser_org", Map.of("authority", "iso6523-actorid-upis", "ID", orgNo))));
        }

        public Grant issuedAt(Instant at, long lifetime) {
            return new Grant(clientId, audience, scope, at, lifetime, jti, authorizationDetails);
        }

        public Grant jti(String id) {
            return new Grant(clientId, audience, scope, issuedAt, lifetimeSeconds, id, authorizationDetails);
        }

        public JWTClaimsSet claims() {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(clientId).audience(audience).claim("scope", scope)
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plusSeconds(lifetimeSeconds))).jwtID(jti);
            if (authorizationDetails != null) {
                b.claim("authorization_details", authorizationDetails);
            }
            return b.build();
        }

        public String signedWith(RSAKey key) {
            return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims(), signer(key));
        }
    }

    public static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JWSSigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST /token with the form Maskinporten takes. */
    public static BrokerApi.Response token(BrokerApi api, String assertion) {
        String form = "grant_type=" + URLEncoder.encode(JWT_BEARER, StandardCharsets.UTF_8) + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
        return api.send(api.request("/token", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
