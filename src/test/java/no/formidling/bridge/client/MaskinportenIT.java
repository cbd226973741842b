package no.formidling.bridge.client;

import static no.formidling.bridge.BridgeTestSupport.SENDER;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static no.formidling.bridge.BridgeTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.run.BridgeRunner;
import no.formidling.bridge.run.JobCatalog;
import no.formidling.bridge.run.RunView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Maskinporten against a fake token endpoint that verifies the signed grant with the organisation's public key,
 * and a fake Altinn exchange that checks the Maskinporten token and the APIM key before handing out a token
 * the Broker accepts.
 */
@BridgeIntegrationTest
class MaskinportenIT {
    private static final String CLIENT_ID = "bridge-client-1";
    private static final String SCOPE = "altinn:broker.write altinn:broker.read";
    private static final String APIM_KEY = "apim-key-123";
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @TempDir
    Path tmp;

    private HttpServer fake;
    private KeyPair orgKey;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> issued = new HashMap<>();
    private int grants;
    private int exchanges;

    @BeforeEach
    void startFakes() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        orgKey = gen.generateKeyPair();
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/token", this::tokenEndpoint);
        fake.createContext("/authentication/api/v1/exchange/maskinporten", this::exchange);
        fake.start();
    }

    @AfterEach
    void stopFakes() {
        fake.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + fake.getAddress().getPort();
    }

    private synchronized void tokenEndpoint(HttpExchange x) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        try {
            if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
                throw new IllegalArgumentException("grant_type " + form.get("grant_type"));
            }
            SignedJWT grant = SignedJWT.parse(form.get("assertion"));
            if (!grant.verify(new RSASSAVerifier((RSAPublicKey) orgKey.getPublic()))) {
                throw new IllegalArgumentException("signature does not verify with the organisation's key");
            }
            var claims = grant.getJWTClaimsSet();
            if (!CLIENT_ID.equals(claims.getIssuer()) || !claims.getAudience().contains(base() + "/") || !SCOPE.equals(claims.getStringClaim("scope"))
                    || claims.getExpirationTime().toInstant().isBefore(Instant.now()) || claims.getJWTID() == null) {
                throw new IllegalArgumentException("claims " + claims);
            }
            grants++;
            String access = "mp-" + UUID.randomUUID();
            issued.put(access, true);
            send(x, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":120,\"scope\":\"" + SCOPE + "\"}");
        } catch (Exception e) {
            problems.add(e.getMessage());
            send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + e.getMessage().replace("\"", "'") + "\"}");
        }
    }

    private synchronized void exchange(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String key = x.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key");
        if (auth == null || !issued.containsKey(auth.replace("Bearer ", "")) || !APIM_KEY.equals(key)) {
            problems.add("exchange refused: " + auth + " / " + key);
            send(x, 401, "");
            return;
        }
        exchanges++;
        try {
            send(x, 200, token(port, SENDER, SCOPE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(x, 500, "");
        }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    private Path pem(KeyPair pair) throws IOException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded());
        return Files.writeString(tmp.resolve("org-key-" + UUID.randomUUID() + ".pem"), "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
    }

    private String job(String name, Path source, Path key) {
        return outboundJob(name, port, source, "").replace("auth: {type: dev, orgNo: \"" + SENDER + "\"}", """
                subscriptionKey: %s
                  auth:
                    type: maskinporten
                    maskinporten:
                      tokenEndpoint: %s/token
                      audience: %s/
                      clientId: %s
                      scope: "%s"
                      keyFile: "%s"
                      keyId: org-key-1
                      exchangeUrl: %s/authentication/api/v1/exchange/maskinporten""".formatted(APIM_KEY, base(), base(), CLIENT_ID, SCOPE, key, base()));
    }

    @Test
    void signedGrantIsVerifiedExchangedAndUsedToSend() throws Exception {
        Path source = tmp.resolve("mp-out");
        randomFiles(source, 3, 21);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("mp.yml"), job("mp-out", source, pem(orgKey)));
        catalog.load(jobs);

        var run = runner.run("mp-out", Instant.now(), "test");

        assertThat(problems).isEmpty();
        assertThat(RunView.of(run).written()).isEqualTo(3);
        assertThat(grants).as("the token is reused while valid").isEqualTo(1);
        assertThat(exchanges).isEqualTo(1);
    }

    @Test
    void grantSignedWithTheWrongKeyIsRefusedAndTheFileIsNotSent() throws Exception {
        Path source = tmp.resolve("mp-wrong");
        randomFiles(source, 1, 22);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("mp.yml"), job("mp-wrong", source, pem(gen.generateKeyPair())));
        catalog.load(jobs);

        var run = runner.run("mp-wrong", Instant.now(), "test");

        assertThat(problems).contains("signature does not verify with the organisation's key");
        assertThat(RunView.of(run).failed()).isEqualTo(1);
        assertThat(Files.readString(source.resolve("error/file-00000.dat.error.json"))).contains("Maskinporten token request").contains("400");
    }
}
