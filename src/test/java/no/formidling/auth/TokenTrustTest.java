package no.formidling.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Which tokens the server accepts: configured issuers by their JWKS, dev tokens only while dev tokens are on. */
class TokenTrustTest {
    static final String ISSUER = "https://platform.example/authentication/api/v1/openid/";

    HttpServer jwksServer;
    RSAKey issuerKey;

    @BeforeEach
    void serveJwks() throws Exception {
        issuerKey = new RSAKeyGenerator(2048).keyID("altinn-1").generate();
        byte[] jwks = new JWKSet(issuerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        jwksServer.start();
    }

    @AfterEach
    void stop() {
        jwksServer.stop(0);
    }

    JwtDecoder decoder(boolean devTokens, DevTokenIssuer dev) {
        return decoder(devTokens, dev, false);
    }

    JwtDecoder decoder(boolean devTokens, DevTokenIssuer dev, boolean identity) {
        String jwksUri = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks";
        return new SecurityConfig().jwtDecoder(new AuthProperties(devTokens, List.of(new AuthProperties.TrustedIssuer(ISSUER, jwksUri)), ""), dev,
                new ServerIssuers("http://localhost:8080"), identity);
    }

    String altinnToken(String issuer, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), new JWTClaimsSet.Builder()
                .issuer(issuer).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .claim("scope", "altinn:broker.write")
                .claim("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:310000001")).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static DevTokenIssuer devIssuer(String issuer) throws Exception {
        return new DevTokenIssuer(new DevTokenIssuer.Identity(new RSAKeyGenerator(2048).keyID(DevTokenIssuer.KEY_ID).generate(), issuer));
    }

    @Test
    void productionAcceptsOnlyConfiguredIssuers() throws Exception {
        DevTokenIssuer dev = devIssuer("http://localhost:8080/dev-tokens");
        JwtDecoder decoder = decoder(false, dev);
        var jwt = decoder.decode(altinnToken(ISSUER, issuerKey));
        assertThat(CallerResolver.fromJwt(jwt).party()).isEqualTo("0192:310000001");
        assertThatThrownBy(() -> decoder.decode(dev.enterpriseToken(null, "310000001", "altinn:broker.write", Duration.ofMinutes(5))))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(altinnToken("https://evil.example/", issuerKey))).isInstanceOf(JwtException.class);
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("altinn-1").generate();
        assertThatThrownBy(() -> decoder.decode(altinnToken(ISSUER, otherKey))).isInstanceOf(JwtException.class);
    }

    @Test
    void devTokensAreAcceptedByEveryNodeSharingTheKeyAndIssuerAndByNoOther() throws Exception {
        DevTokenIssuer.Identity cluster = new DevTokenIssuer.Identity(new RSAKeyGenerator(2048).keyID(DevTokenIssuer.KEY_ID).generate(),
                "http://localhost:8081/dev-tokens");
        String token = new DevTokenIssuer(cluster).enterpriseToken("digdir", "991825827", "altinn:serviceowner", Duration.ofMinutes(5));
        Caller caller = CallerResolver.fromJwt(decoder(true, new DevTokenIssuer(cluster)).decode(token));
        assertThat(caller.orgNo()).isEqualTo("991825827");
        assertThat(caller.serviceOwnerCode()).isEqualTo("digdir");
        assertThat(caller.has(Scopes.SERVICE_OWNER)).isTrue();

        assertThatThrownBy(() -> decoder(true, devIssuer(cluster.issuer())).decode(token)).as("another key").isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder(true, new DevTokenIssuer(new DevTokenIssuer.Identity(cluster.key(), "http://localhost:8082/dev-tokens")))
                .decode(token)).as("another issuer").isInstanceOf(JwtException.class);
    }

    @Test
    void ownMaskinportenAndExchangeTokensAreAcceptedOnlyWhileIdentityIsOn() throws Exception {
        DevTokenIssuer own = devIssuer("http://localhost:8080/dev-tokens");
        ServerIssuers issuers = new ServerIssuers("http://localhost:8080");
        for (String issuer : List.of(issuers.maskinporten(), issuers.altinn())) {
            String token = own.sign(new JWTClaimsSet.Builder().issuer(issuer).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                    .claim("scope", "altinn:broker.read")
                    .claim("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:310000001")).build());
            assertThat(CallerResolver.fromJwt(decoder(false, own, true).decode(token)).party()).as(issuer).isEqualTo("0192:310000001");
            assertThatThrownBy(() -> decoder(true, own, false).decode(token)).as(issuer + " with identity off").isInstanceOf(JwtException.class);
        }
        String devToken = own.enterpriseToken(null, "310000001", "altinn:broker.read", Duration.ofMinutes(5));
        assertThatThrownBy(() -> decoder(false, own, true).decode(devToken)).as("dev token with dev tokens off").isInstanceOf(JwtException.class);
    }
}
