package no.formidling.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Signs Altinn-shaped test tokens with a key kept under the data folder, so tokens survive a restart.
 * Active only while {@code formidling.auth.dev-tokens} is on.
 */
@Component
public class DevTokenIssuer {
    static final String KEY_ID = "formidling-dev";
    private final RSAKey key;
    private final String issuer;

    public DevTokenIssuer(@Value("${formidling.data-dir}") Path dataDir, @Value("${formidling.base-url}") String baseUrl) {
        this.key = loadOrCreate(dataDir.resolve("dev-token-key.json"));
        this.issuer = baseUrl + "/dev-tokens";
    }

    public String issuer() {
        return issuer;
    }

    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    public JWKSet jwks() {
        return new JWKSet(key.toPublicJWK());
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
                .issuer(issuer)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("scope", String.join(" ", scopes.trim().split("[\\s,]+")));
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign dev token", e);
        }
    }

    private static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey generated = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, generated.toJSONString());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the dev token key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("The dev token key " + file + " is not a valid RSA JWK", e);
        }
    }
}
