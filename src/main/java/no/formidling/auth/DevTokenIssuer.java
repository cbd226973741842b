package no.formidling.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signs Altinn-shaped test tokens with the cluster's key and issuer (kept in the database, see
 * {@link DevTokenKeyStore}), so tokens survive a restart and any node accepts another node's tokens.
 * The same key signs the tokens of this server's Maskinporten and Altinn token exchange ({@link #sign}), so one JWKS
 * verifies them all.
 */
@Component
public class DevTokenIssuer {
    static final String KEY_ID = "formidling-dev";
    private final Supplier<Identity> source;
    private volatile Identity identity;

    /** A signing key and the issuer its tokens carry. */
    public record Identity(RSAKey key, String issuer) {
    }

    @Autowired
    DevTokenIssuer(DevTokenKeyStore store) {
        this.source = store::loadOrCreate;
    }

    public DevTokenIssuer(Identity identity) {
        this.source = () -> identity;
    }

    /** Read on first use, so a server with dev tokens off never creates a key. */
    private Identity identity() {
        Identity current = identity;
        if (current == null) {
            synchronized (this) {
                if (identity == null) {
                    identity = source.get();
                }
                current = identity;
            }
        }
        return current;
    }

    public String issuer() {
        return identity().issuer();
    }

    public RSAKey publicKey() {
        return identity().key().toPublicJWK();
    }

    public JWKSet jwks() {
        return new JWKSet(identity().key().toPublicJWK());
    }

    public String enterpriseToken(String serviceOwnerCode, String orgNo, String scopes, Duration ttl) {
        JWTClaimsSet.Builder claims = base(scopes, ttl)
                .claim("token_type", "Bearer")
                .claim("client_amr", "virksomhetssertifikat")
                .claim("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", Parties.ofOrgNo(orgNo)))
                .claim("urn:altinn:orgNumber", orgNo)
                .claim("urn:altinn:authenticatemethod", "maskinporten")
                .claim("urn:altinn:authlevel", 3);
        if (serviceOwnerCode != null && !serviceOwnerCode.isBlank()) {
            claims.claim("urn:altinn:org", serviceOwnerCode);
        }
        return sign(claims.build());
    }

    public String personalToken(String pid, String scopes, Duration ttl) {
        return sign(base(scopes, ttl)
                .subject(pid)
                .claim("pid", pid)
                .claim("urn:altinn:authlevel", 3)
                .claim("urn:altinn:authenticatemethod", "IdPorten")
                .build());
    }

    private JWTClaimsSet.Builder base(String scopes, Duration ttl) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(identity().issuer())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("scope", String.join(" ", scopes.trim().split("[\\s,]+")));
    }

    /** Signs claims with the cluster's key (RS256, its key id); the caller sets the issuer. */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(identity().key()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }
}
