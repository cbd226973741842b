package no.formidling.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.formidling.auth.ServerIssuers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Says at startup whether identity is served, and registers the clients declared under {@code formidling.identity.clients}. */
@Component
@Order(0)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentitySetup implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IdentityProperties properties;
    private final MaskinportenClients clients;
    private final ServerIssuers issuers;

    IdentitySetup(IdentityProperties properties, MaskinportenClients clients, ServerIssuers issuers) {
        this.properties = properties;
        this.clients = clients;
        this.issuers = issuers;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            log.info("Identity: off (no Maskinporten token endpoint, token exchange or system register; formidling.identity.enabled=true turns them on)");
            return;
        }
        for (IdentityProperties.ClientSeed seed : properties.clients()) {
            try {
                clients.put(new MaskinportenClients.Client(seed.clientId(), seed.organisation(), seed.scopes(),
                        MaskinportenClientController.publicKeys(JSON.readTree(seed.jwks()))));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IllegalStateException("formidling.identity.clients[" + seed.clientId() + "]: jwks must be a JWK set of public RSA keys with kid: "
                        + e.getMessage(), e);
            }
        }
        log.info("Identity: on. Maskinporten token endpoint {}token (issuer {}), Altinn token exchange {}authentication/api/v1/exchange/maskinporten, "
                + "system register {}authentication/api/v1/systemregister/vendor", issuers.maskinporten(), issuers.maskinporten(),
                issuers.maskinporten(), issuers.maskinporten());
    }
}
