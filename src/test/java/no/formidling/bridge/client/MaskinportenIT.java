package no.formidling.bridge.client;

import static no.formidling.bridge.BridgeTestSupport.SENDER;
import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.run.BridgeRunner;
import no.formidling.bridge.run.JobCatalog;
import no.formidling.bridge.RunView;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.MaskinportenGrants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A bridge job with {@code auth: maskinporten} against this server's own Maskinporten token endpoint and Altinn token
 * exchange: the organisation's own client, a vendor's system acting as the organisation's system user, and a grant
 * signed with a key nobody registered.
 */
@BridgeIntegrationTest
class MaskinportenIT {
    private static final String SCOPE = "altinn:broker.write altinn:broker.read";
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @Autowired
    JdbcClient db;
    @TempDir
    Path tmp;
    BrokerApi api;

    @BeforeEach
    void client() {
        api = new BrokerApi(port);
    }

    private String registerClient(String orgNo, String token, RSAKey key, List<String> scopes) {
        String clientId = "bridge-" + UUID.randomUUID();
        BrokerApi.Response r = api.putJson("/maskinporten/api/v1/clients/" + clientId, token, Map.of("organisation", orgNo, "scopes", scopes,
                "jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return clientId;
    }

    private Path pem(RSAKey key) throws Exception {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toPrivateKey().getEncoded());
        return Files.writeString(tmp.resolve("key-" + UUID.randomUUID() + ".pem"), "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
    }

    private String job(String name, Path source, String clientId, Path keyFile, String keyId, String systemUserOrg) {
        String base = "http://localhost:" + port;
        return outboundJob(name, port, source, "").replace("auth: {type: dev, orgNo: \"" + SENDER + "\"}", """
                subscriptionKey: apim-key-ignored-here
                  auth:
                    type: maskinporten
                    maskinporten:
                      tokenEndpoint: %s/token
                      clientId: %s
                      scope: "%s"
                      keyFile: "%s"
                      keyId: %s
                      exchangeUrl: %s/authentication/api/v1/exchange/maskinporten%s""".formatted(base, clientId, SCOPE, keyFile, keyId, base,
                systemUserOrg == null ? "" : "\n      systemUserOrg: \"" + systemUserOrg + "\""));
    }

    /** Loads the job file and runs it once, as the scheduler would. */
    private org.springframework.batch.core.JobExecution runJob(String name, String yaml) throws Exception {
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("mp.yml"), yaml);
        catalog.load(jobs);
        return runner.run(name, Instant.now(), "test");
    }

    private int grantsAccepted(String clientId) {
        return db.sql("select count(*) from identity_used_assertion where client_id = ?").param(clientId).query(Integer.class).single();
    }

    @Test
    void theOrganisationsOwnClientGetsATokenHereExchangesItAndSends() throws Exception {
        RSAKey key = MaskinportenGrants.newKey("org-key-1");
        String clientId = registerClient(SENDER, api.token(SENDER, "altinn:broker.read"), key, List.of("altinn:broker.write", "altinn:broker.read"));
        Path source = tmp.resolve("mp-out");
        randomFiles(source, 3, 21);
        var run = runJob("mp-out", job("mp-out", source, clientId, pem(key), key.getKeyID(), null));

        assertThat(RunView.of(run).written()).isEqualTo(3);
        assertThat(grantsAccepted(clientId)).as("the token is reused while valid").isEqualTo(1);
    }

    @Test
    void aVendorsSystemSendsAsTheSystemUserTheOrganisationAccepted() throws Exception {
        RSAKey key = MaskinportenGrants.newKey("vendor-key-1");
        String vendorClient = registerClient(BrokerApi.OWNER, api.serviceOwnerToken(), key, List.of("altinn:broker.write", "altinn:broker.read"));
        String systemId = BrokerApi.OWNER + "_bridge-" + UUID.randomUUID();
        String vendor = api.token(BrokerApi.OWNER, "altinn:authentication/systemregister.write altinn:authentication/systemuser.request.write");
        assertThat(api.postJson("/authentication/api/v1/systemregister/vendor", vendor, Map.of("id", systemId,
                "vendor", Map.of("ID", "0192:" + BrokerApi.OWNER), "name", Map.of("nb", "Bro"), "clientId", List.of(vendorClient),
                "rights", List.of(Map.of("resource", List.of(Map.of("id", "urn:altinn:resource", "value", BrokerApi.DEMO_RESOURCE)))))).status()).isEqualTo(200);
        BrokerApi.Response request = api.postJson("/authentication/api/v1/systemuser/request/vendor", vendor, Map.of("systemId", systemId,
                "partyOrgNo", SENDER, "rights", List.of(Map.of("resource", List.of(Map.of("id", "urn:altinn:resource", "value", BrokerApi.DEMO_RESOURCE))))));
        assertThat(api.post("/authentication/api/v1/systemuser/request/" + SENDER + "/" + request.json().path("id").asText() + "/approve",
                api.token(SENDER, "altinn:broker.read")).status()).isEqualTo(200);
        Path source = tmp.resolve("mp-system-user");
        randomFiles(source, 2, 23);
        var run = runJob("mp-system-user", job("mp-system-user", source, vendorClient, pem(key), key.getKeyID(), SENDER));

        assertThat(RunView.of(run).written()).isEqualTo(2);
    }

    @Test
    void aGrantSignedWithAnUnregisteredKeyIsRefusedAndTheFileIsNotSent() throws Exception {
        RSAKey registered = MaskinportenGrants.newKey("org-key-1");
        String clientId = registerClient(SENDER, api.token(SENDER, "altinn:broker.read"), registered, List.of("altinn:broker.write", "altinn:broker.read"));
        Path source = tmp.resolve("mp-wrong");
        randomFiles(source, 1, 22);
        RSAKey other = MaskinportenGrants.newKey("org-key-1");
        var run = runJob("mp-wrong", job("mp-wrong", source, clientId, pem(other), other.getKeyID(), null));

        assertThat(RunView.of(run).failed()).isEqualTo(1);
        assertThat(Files.readString(source.resolve("error/file-00000.dat.error.json"))).contains("Maskinporten token request").contains("invalid_client");
        assertThat(grantsAccepted(clientId)).isZero();
    }
}
