package no.formidling.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A first start ready for the real flow: a Maskinporten client of the demo service owner, with a key pair generated
 * into the data folder, a system it runs on the demo resource, and accepted system users for the demo organisations.
 * Idempotent; what exists is left as it is.
 */
@Component
@Order(2)
@ConditionalOnExpression("${formidling.demo.enabled:false} and ${formidling.identity.enabled:false}")
class IdentityDemo implements ApplicationRunner {
    static final String CLIENT_ID = "formidling-demo-client";
    static final String KEY_ID = "formidling-demo-key";
    static final String PRIVATE_KEY_FILE = "maskinporten-demo-key.pem";
    static final String JWK_FILE = "maskinporten-demo-key.jwk.json";
    /** Every scope an organisation may give its own client: the demo client can try every flow. */
    static final List<String> SCOPES = IdentityPages.GRANTABLE_SCOPES;
    private static final Logger log = LoggerFactory.getLogger(IdentityDemo.class);
    private final MaskinportenClients clients;
    private final SystemRegister systems;
    private final SystemUsers systemUsers;
    private final Path dataDir;
    private final String vendorOrgNo;
    private final String resourceId;
    private final List<String> organisations;

    IdentityDemo(MaskinportenClients clients, SystemRegister systems, SystemUsers systemUsers, @Value("${formidling.data-dir}") Path dataDir,
                 @Value("${formidling.demo.service-owner-org-no}") String vendorOrgNo, @Value("${formidling.demo.resource-id}") String resourceId,
                 @Value("${formidling.demo.organisations}") List<String> organisations) {
        this.clients = clients;
        this.systems = systems;
        this.systemUsers = systemUsers;
        this.dataDir = dataDir;
        this.vendorOrgNo = vendorOrgNo;
        this.resourceId = resourceId;
        this.organisations = organisations;
    }

    @Override
    public void run(ApplicationArguments args) {
        RSAKey key = keyPair();
        if (clients.find(CLIENT_ID).isEmpty()) {
            clients.put(new MaskinportenClients.Client(CLIENT_ID, vendorOrgNo, SCOPES, new JWKSet(key.toPublicJWK())));
        }
        String systemId = vendorOrgNo + "_formidling-demo";
        systems.create(new SystemRegister.RegisteredSystem(systemId, UUID.randomUUID(), vendorOrgNo, Map.of("nb", "Formidling demo", "en", "Formidling demo"),
                Map.of("en", "The demo system of the embedded default"), List.of(resourceId), List.of(CLIENT_ID)));
        for (String org : organisations) {
            if (systemUsers.live(systemId, org, org).isEmpty()) {
                SystemUsers.Request request = systemUsers.request(systemId, org, org, List.of(resourceId), null).request();
                systemUsers.accept(org, request.id());
            }
        }
        log.info("Identity demo: Maskinporten client '{}' of {} signs with key id '{}', private key {} (JWK {}); system {} has system users for {}",
                CLIENT_ID, vendorOrgNo, KEY_ID, dataDir.resolve(PRIVATE_KEY_FILE).toAbsolutePath(), dataDir.resolve(JWK_FILE).toAbsolutePath(),
                systemId, organisations);
    }

    /** The demo client's key pair, generated at the first start: a PKCS#8 PEM file and the same key as a JWK. */
    private RSAKey keyPair() {
        Path jwkFile = dataDir.resolve(JWK_FILE);
        try {
            if (Files.exists(jwkFile)) {
                return RSAKey.parse(Files.readString(jwkFile));
            }
            Files.createDirectories(dataDir);
            RSAKey key = new RSAKeyGenerator(2048).keyID(KEY_ID).algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).generate();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toPrivateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            writeAtomically(dataDir.resolve(PRIVATE_KEY_FILE), pem);
            writeAtomically(jwkFile, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the demo Maskinporten key in " + dataDir, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("The demo Maskinporten key " + jwkFile + " is not a valid RSA JWK", e);
        }
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
