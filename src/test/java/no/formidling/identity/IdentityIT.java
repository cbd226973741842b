package no.formidling.identity;

import static no.formidling.testsupport.BrokerApi.DEMO_RESOURCE;
import static no.formidling.testsupport.BrokerApi.ORG_A;
import static no.formidling.testsupport.BrokerApi.ORG_B;
import static no.formidling.testsupport.BrokerApi.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.MaskinportenGrants;
import no.formidling.testsupport.MaskinportenGrants.Grant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A vendor's whole journey as Altinn's clients make it: a Maskinporten client with a registered key, a JWT grant at
 * {@code /token}, Altinn's token exchange, the system register, a system user request that the organisation accepts,
 * and the Broker used as that system user; and every refusal along the way.
 */
@IntegrationTest
class IdentityIT {
    private static final String VENDOR_SCOPES = "altinn:authentication/systemregister.write altinn:authentication/systemuser.request.write "
            + "altinn:authentication/systemuser.request.read";
    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    no.formidling.auth.DevTokenIssuer ownKey;
    @org.springframework.beans.factory.annotation.Autowired
    no.formidling.auth.ServerIssuers issuers;
    BrokerApi api;
    String audience;
    String clientId;
    RSAKey key;

    @BeforeEach
    void registerClient() {
        api = new BrokerApi(port);
        audience = "http://127.0.0.1:" + port + "/";
        clientId = "it-client-" + UUID.randomUUID();
        key = MaskinportenGrants.newKey("key-" + UUID.randomUUID());
        BrokerApi.Response put = api.putJson("/maskinporten/api/v1/clients/" + clientId, api.serviceOwnerToken(), Map.of("organisation", OWNER,
                "scopes", List.of("altinn:broker.write", "altinn:broker.read", "altinn:authentication/systemregister.write",
                        "altinn:authentication/systemuser.request.write", "altinn:authentication/systemuser.request.read"),
                "jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    @Test
    void aVendorRegistersASystemAnOrganisationAcceptsItsSystemUserAndTheSystemSendsAsThatOrganisation() throws Exception {
        JsonNode metadata = api.get("/.well-known/oauth-authorization-server", null).json();
        assertThat(metadata.path("grant_types_supported").toString()).contains(MaskinportenGrants.JWT_BEARER);
        assertThat(api.get(metadata.path("jwks_uri").asText().replaceFirst("^https?://[^/]+", ""), null).json().path("keys").size()).isEqualTo(1);

        BrokerApi.Response granted = MaskinportenGrants.token(api, Grant.of(clientId, audience, VENDOR_SCOPES).signedWith(key));
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(granted.json().path("scope").asText()).isEqualTo(VENDOR_SCOPES);
        Map<String, Object> maskinporten = claims(granted.json().path("access_token").asText());
        assertThat(maskinporten).containsEntry("client_id", clientId).containsEntry("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + OWNER));

        String vendorToken = exchange(granted.json().path("access_token").asText());
        Map<String, Object> altinn = claims(vendorToken);
        assertThat(altinn).containsEntry("urn:altinn:orgNumber", OWNER).containsEntry("urn:altinn:authenticatemethod", "maskinporten")
                .containsEntry("urn:altinn:authlevel", 3L).containsEntry("scope", VENDOR_SCOPES);
        assertThat((String) altinn.get("iss")).endsWith("/authentication/api/v1/openid/");

        String systemId = OWNER + "_it-" + UUID.randomUUID();
        BrokerApi.Response system = api.postJson("/authentication/api/v1/systemregister/vendor", vendorToken, Map.of("Id", systemId,
                "vendor", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + OWNER), "name", Map.of("nb", "Testsystem æøå"),
                "description", Map.of("en", "From the test"), "rights", rights(DEMO_RESOURCE), "clientId", List.of(clientId)));
        assertThat(system.status()).as(system.body()).isEqualTo(200);
        assertThat(UUID.fromString(system.json().asText())).isNotNull();
        assertThat(api.postJson("/authentication/api/v1/systemregister/vendor", vendorToken, Map.of("id", systemId,
                "vendor", Map.of("ID", "0192:" + OWNER), "name", Map.of("nb", "again"))).status()).as("same id twice").isEqualTo(409);

        BrokerApi.Response request = api.postJson("/authentication/api/v1/systemuser/request/vendor", vendorToken,
                Map.of("systemId", systemId, "partyOrgNo", ORG_A, "rights", List.of(Map.of("Resource", List.of(Map.of("id", "urn:altinn:resource", "value", DEMO_RESOURCE))))));
        assertThat(request.status()).as(request.body()).isEqualTo(201);
        assertThat(request.json().path("status").asText()).isEqualTo("New");
        assertThat(request.json().path("confirmUrl").asText()).contains("/app/");
        String requestId = request.json().path("id").asText();

        Grant asSystemUser = Grant.of(clientId, audience, "altinn:broker.write altinn:broker.read").forSystemUserOf(ORG_A);
        BrokerApi.Response early = MaskinportenGrants.token(api, asSystemUser.signedWith(key));
        assertThat(early.status()).as("before the organisation accepted").isEqualTo(400);
        assertThat(early.json().path("error").asText()).isEqualTo("invalid_grant");

        assertThat(api.post("/authentication/api/v1/systemuser/request/" + ORG_A + "/" + requestId + "/approve",
                api.token(ORG_B, "altinn:broker.read")).status()).as("another organisation cannot accept").isEqualTo(403);
        BrokerApi.Response approved = api.post("/authentication/api/v1/systemuser/request/" + ORG_A + "/" + requestId + "/approve",
                api.token(ORG_A, "altinn:broker.read"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(api.get("/authentication/api/v1/systemuser/request/vendor/" + requestId, vendorToken).json().path("status").asText()).isEqualTo("Accepted");

        BrokerApi.Response systemUserGrant = MaskinportenGrants.token(api, asSystemUser.jti(UUID.randomUUID().toString()).signedWith(key));
        assertThat(systemUserGrant.status()).as(systemUserGrant.body()).isEqualTo(200);
        String systemUserMaskinporten = systemUserGrant.json().path("access_token").asText();
        @SuppressWarnings("unchecked")
        Map<String, Object> details = ((List<Map<String, Object>>) claims(systemUserMaskinporten).get("authorization_details")).get(0);
        assertThat(details).containsEntry("system_id", systemId).containsEntry("systemuser_org", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + ORG_A));
        String systemUserToken = exchange(systemUserMaskinporten);
        assertThat(claims(systemUserToken)).containsKey("authorization_details");

        UUID transfer = api.initializeOk(systemUserToken, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        assertThat(api.overview(systemUserToken, transfer).path("sender").asText()).isEqualTo("0192:" + ORG_A);
        assertThat(api.initialize(systemUserMaskinporten, DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of()).status())
                .as("the Broker takes the Maskinporten token directly, as upstream").isEqualTo(200);

        String otherResource = "it-outside-rights-" + UUID.randomUUID();
        api.createResource(otherResource, List.of(ORG_A, ORG_B), Map.of());
        BrokerApi.Response outside = api.initialize(systemUserToken, otherResource, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        assertThat(outside.status()).as("a resource outside the system user's rights").isEqualTo(401);
        assertThat(outside.code()).isEqualTo("BRO-00006");
        assertThat(api.initialize(api.token(ORG_A, "altinn:broker.write"), otherResource, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of()).status())
                .as("the organisation itself still may").isEqualTo(200);

        JsonNode users = api.get("/authentication/api/v1/systemuser/" + ORG_A, api.token(ORG_A, "altinn:broker.read")).json();
        String systemUserId = ((List<?>) details.get("systemuser_id")).get(0).toString();
        assertThat(users.findValuesAsText("id")).contains(systemUserId);
        assertThat(api.delete("/authentication/api/v1/systemuser/" + ORG_A + "/" + systemUserId, api.token(ORG_A, "altinn:broker.read")).status())
                .isEqualTo(202);
        assertThat(api.get("/broker/api/v1/filetransfer/" + transfer, systemUserToken).status()).as("a deleted system user's live token").isEqualTo(401);
        BrokerApi.Response afterDelete = MaskinportenGrants.token(api, asSystemUser.jti(UUID.randomUUID().toString()).signedWith(key));
        assertThat(afterDelete.json().path("error").asText()).as("a grant for a deleted system user").isEqualTo("invalid_grant");
    }

    @Test
    void badGrantsAreRefusedWithMaskinportensErrorsAndIssueNothing() throws Exception {
        Grant good = Grant.of(clientId, audience, "altinn:broker.read");
        String replayed = good.signedWith(key);
        assertThat(MaskinportenGrants.token(api, replayed).status()).isEqualTo(200);
        refused(replayed, 400, "invalid_grant", "used before");

        refused(good.jti(UUID.randomUUID().toString()).issuedAt(Instant.now().minusSeconds(300), 100).signedWith(key), 400, "invalid_grant", "expired");
        refused(good.jti(UUID.randomUUID().toString()).issuedAt(Instant.now(), 131).signedWith(key), 400, "invalid_grant", "120 seconds");
        assertThat(MaskinportenGrants.token(api, good.jti(UUID.randomUUID().toString()).issuedAt(Instant.now().minusSeconds(5), 125).signedWith(key))
                .status()).as("iat 5 s back and exp 120 s ahead, as upstream's Postman helper signs").isEqualTo(200);
        refused(Grant.of(clientId, "https://maskinporten.no/", "altinn:broker.read").signedWith(key), 400, "invalid_grant", "aud");
        refused(Grant.of(clientId, audience, "altinn:broker.read altinn:correspondence.write").signedWith(key), 400, "invalid_scope",
                "altinn:correspondence.write");
        refused(Grant.of("no-such-client", audience, "altinn:broker.read").signedWith(key), 401, "invalid_client", "no-such-client");

        RSAKey unknown = MaskinportenGrants.newKey(key.getKeyID());
        refused(Grant.of(clientId, audience, "altinn:broker.read").signedWith(unknown), 401, "invalid_client", "signature");
        refused(Grant.of(clientId, audience, "altinn:broker.read").signedWith(MaskinportenGrants.newKey("unknown-kid")), 401, "invalid_client", "unknown-kid");

        String otherClient = "it-other-" + UUID.randomUUID();
        RSAKey otherKey = MaskinportenGrants.newKey("other-" + UUID.randomUUID());
        api.putJson("/maskinporten/api/v1/clients/" + otherClient, api.token(ORG_B, "altinn:broker.read"), Map.of("organisation", ORG_B,
                "scopes", List.of("altinn:broker.read"), "jwks", Map.of("keys", List.of(otherKey.toPublicJWK().toJSONObject()))));
        refused(Grant.of(clientId, audience, "altinn:broker.read").signedWith(otherKey), 401, "invalid_client", "kid");

        PlainJWT none = new PlainJWT(new PlainHeader(), Grant.of(clientId, audience, "altinn:broker.read").claims());
        refused(none.serialize(), 400, "invalid_grant", "signed");
        byte[] publicKeyAsSecret = key.toPublicJWK().toJSONString().getBytes();
        String hmac = MaskinportenGrants.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                Grant.of(clientId, audience, "altinn:broker.read").claims(), new MACSigner(java.util.Arrays.copyOf(publicKeyAsSecret, 64)));
        refused(hmac, 400, "invalid_grant", "HS256");

        refused(Grant.of(clientId, audience, "altinn:broker.read").forSystemUserOf(ORG_B).signedWith(key), 400, "invalid_grant", ORG_B);

        BrokerApi.Response wrongGrantType = api.send(api.request("/token", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        assertThat(wrongGrantType.json().path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void clientsDeclaredInYamlAreRegisteredAtStartup() {
        BrokerApi.Response yaml = api.get("/maskinporten/api/v1/clients/yaml-client", api.token(ORG_B, "altinn:broker.read"));
        assertThat(yaml.status()).as(yaml.body()).isEqualTo(200);
        assertThat(yaml.json().path("jwks").path("keys").get(0).path("kid").asText()).isEqualTo("yaml-key");
        assertThat(api.get("/maskinporten/api/v1/clients/yaml-client", api.token(ORG_A, "altinn:broker.read")).status())
                .as("another organisation's client").isEqualTo(403);
    }

    @Test
    void aGrantMayNameItsKeyByARegisteredCertificateInX5c(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Certified registered = certificate(tmp, "registered");
        Certified stranger = certificate(tmp, "stranger");
        RSAKey fromCertificate = new RSAKey.Builder(RSAKey.parse(registered.certificate())).keyID("cert-1").build();
        assertThat(api.putJson("/maskinporten/api/v1/clients/" + clientId, api.serviceOwnerToken(), Map.of("organisation", OWNER,
                "scopes", List.of("altinn:broker.read"), "jwks", Map.of("keys", List.of(fromCertificate.toJSONObject())))).status()).isEqualTo(200);

        assertThat(MaskinportenGrants.token(api, x5cGrant(registered)).status()).isEqualTo(200);
        refused(x5cGrant(stranger), 401, "invalid_client", "certificate");
    }

    record Certified(java.security.PrivateKey key, java.security.cert.X509Certificate certificate) {
    }

    /** A self-signed certificate made with the JDK's keytool, as an organisation's virksomhetssertifikat stands in here. */
    private static Certified certificate(java.nio.file.Path dir, String name) throws Exception {
        java.nio.file.Path store = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name + ", O=Formidling test", "-alias", name, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit", "-validity", "2").inheritIO().start();
        assertThat(keytool.waitFor()).isZero();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return new Certified((java.security.PrivateKey) ks.getKey(name, "changeit".toCharArray()), (java.security.cert.X509Certificate) ks.getCertificate(name));
    }

    private String x5cGrant(Certified signer) throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(signer.certificate().getEncoded()))).build();
        return MaskinportenGrants.sign(header, Grant.of(clientId, audience, "altinn:broker.read").claims(),
                new com.nimbusds.jose.crypto.RSASSASigner(signer.key()));
    }

    @Test
    void theExchangeTakesOnlyALiveMaskinportenTokenOfATrustedIssuer() throws Exception {
        assertThat(api.get("/authentication/api/v1/exchange/maskinporten", null).status()).isEqualTo(401);
        String devToken = api.token(ORG_A, "altinn:broker.read");
        assertThat(api.get("/authentication/api/v1/exchange/maskinporten", devToken).status()).as("not a Maskinporten token").isEqualTo(401);
        RSAKey stranger = MaskinportenGrants.newKey("formidling-dev");
        String forged = MaskinportenGrants.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("formidling-dev").build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(audience).claim("consumer", Map.of("ID", "0192:" + ORG_A))
                        .claim("scope", "altinn:broker.write").expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000)).build(),
                MaskinportenGrants.signer(stranger));
        assertThat(api.get("/authentication/api/v1/exchange/maskinporten", forged).status()).as("signed by another key").isEqualTo(401);

        String expired = ownKey.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(issuers.maskinporten())
                .claim("consumer", Map.of("authority", "iso6523-actorid-upis", "ID", "0192:" + ORG_A)).claim("scope", "altinn:broker.write")
                .issueTime(new java.util.Date(System.currentTimeMillis() - 300_000)).expirationTime(new java.util.Date(System.currentTimeMillis() - 180_000))
                .build());
        assertThat(api.get("/authentication/api/v1/exchange/maskinporten", expired).status()).as("an expired Maskinporten token").isEqualTo(401);

        String personal = api.get("/api/GetPersonalToken?pid=08089404236&scopes=altinn:correspondence.read", null).body();
        BrokerApi.Response person = api.get("/authentication/api/v1/exchange/id-porten", personal);
        assertThat(person.status()).as(person.body()).isEqualTo(200);
        assertThat(claims(person.body())).containsEntry("pid", "08089404236").containsEntry("urn:altinn:authenticatemethod", "IdPorten");
    }

    private void refused(String assertion, int status, String error, String saying) {
        BrokerApi.Response r = MaskinportenGrants.token(api, assertion);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().path("error").asText()).as(r.body()).isEqualTo(error);
        assertThat(r.json().path("error_description").asText()).as(r.body()).contains(saying);
        assertThat(r.json().has("access_token")).isFalse();
    }

    @Test
    void theExchangeAnswersAJsonStringToAClientThatAsksForJson() throws Exception {
        String mp = MaskinportenGrants.token(api, Grant.of(clientId, audience, "altinn:broker.read").signedWith(key)).json().path("access_token").asText();
        BrokerApi.Response json = api.send(api.request("/authentication/api/v1/exchange/maskinporten", mp).header("Accept", "application/json"));
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.body()).startsWith("\"eyJ").endsWith("\"");
        assertThat(claims(json.json().asText())).containsEntry("urn:altinn:orgNumber", OWNER);
    }

    private String exchange(String maskinportenToken) {
        BrokerApi.Response r = api.get("/authentication/api/v1/exchange/maskinporten", maskinportenToken);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        return r.body();
    }

    private static List<Map<String, Object>> rights(String resourceId) {
        return List.of(Map.of("resource", List.of(Map.of("id", "urn:altinn:resource", "value", resourceId))));
    }

    private static Map<String, Object> claims(String jwt) throws java.text.ParseException {
        return SignedJWT.parse(jwt).getJWTClaimsSet().toJSONObject();
    }
}
