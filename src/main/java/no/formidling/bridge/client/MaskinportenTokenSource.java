package no.formidling.bridge.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.bridge.config.JobDefinition;

/**
 * Maskinporten: a JWT-bearer grant signed with the organisation's RSA key (RS256), then the Maskinporten token
 * is exchanged for an Altinn token at {@code GET {platform}/authentication/api/v1/exchange/maskinporten}.
 */
public class MaskinportenTokenSource extends CachedToken {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobDefinition.Maskinporten cfg;
    private final PrivateKey key;
    private final String subscriptionKey;

    public MaskinportenTokenSource(JobDefinition.Maskinporten cfg, String subscriptionKey) {
        this.cfg = cfg;
        this.key = readPkcs8(Path.of(cfg.keyFile()));
        this.subscriptionKey = subscriptionKey;
    }

    @Override
    protected String fetch() {
        String grant = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(assertion(), StandardCharsets.UTF_8);
        HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(cfg.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(grant)).build());
        if (r.statusCode() != 200) {
            throw BrokerCallException.of("Maskinporten token request to " + cfg.tokenEndpoint(), r.statusCode(), r.body());
        }
        String maskinportenToken;
        try {
            JsonNode body = JSON.readTree(r.body());
            maskinportenToken = body.path("access_token").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("Maskinporten answered something that is not JSON", e);
        }
        if (maskinportenToken == null) {
            throw new IllegalStateException("Maskinporten answered without access_token");
        }
        HttpRequest.Builder exchange = HttpRequest.newBuilder(URI.create(cfg.exchangeUrl()))
                .header("Authorization", "Bearer " + maskinportenToken).GET();
        if (subscriptionKey != null) {
            exchange.header(BrokerClient.SUBSCRIPTION_KEY_HEADER, subscriptionKey);
        }
        HttpResponse<String> x = Http.send(exchange.build());
        if (x.statusCode() != 200) {
            throw BrokerCallException.of("Altinn token exchange at " + cfg.exchangeUrl(), x.statusCode(), x.body());
        }
        String token = x.body().trim();
        // Altinn answers the token as text; some versions wrap it in JSON quotes.
        return token.startsWith("\"") && token.endsWith("\"") ? token.substring(1, token.length() - 1) : token;
    }

    String assertion() {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(cfg.audience() != null ? cfg.audience() : issuerOf(cfg.tokenEndpoint()))
                .issuer(cfg.clientId())
                .claim("scope", cfg.scope())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(110)))
                .jwtID(UUID.randomUUID().toString());
        if (cfg.systemUserOrg() != null && !cfg.systemUserOrg().isBlank()) {
            claims.claim("authorization_details", List.of(Map.of("type", "urn:altinn:systemuser",
                    "systemuser_org", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + cfg.systemUserOrg().trim()))));
        }
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        if (cfg.keyId() != null) {
            header.keyID(cfg.keyId());
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign the Maskinporten grant: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** Maskinporten's issuer, the audience it wants: the token endpoint's origin and {@code /} ({@code https://maskinporten.no/}). */
    static String issuerOf(String tokenEndpoint) {
        URI uri = URI.create(tokenEndpoint);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/";
    }

    /** An unencrypted PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}). */
    static PrivateKey readPkcs8(Path file) {
        try {
            String pem = Files.readString(file);
            if (!pem.contains("BEGIN PRIVATE KEY")) {
                throw new IllegalArgumentException(file + " must be an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Maskinporten key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Maskinporten key " + file + " is not an RSA PKCS#8 key: " + e.getMessage(), e);
        }
    }
}
