package no.formidling.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled                    serve the token endpoint, the exchange and the registers (on by default, off in {@code prod})
 * @param maskinportenTokenLifetime  how long this server's Maskinporten tokens live (Maskinporten's default: 120 s)
 * @param altinnTokenLifetime        how long an exchanged Altinn token lives
 * @param trustedMaskinportenIssuers other Maskinporten issuers whose tokens the exchange accepts (each must also be a
 *                                   trusted issuer under {@code formidling.auth.trusted-issuers})
 * @param clients                    Maskinporten clients registered at startup
 */
@ConfigurationProperties("formidling.identity")
public record IdentityProperties(boolean enabled, Duration maskinportenTokenLifetime, Duration altinnTokenLifetime,
                                 List<String> trustedMaskinportenIssuers, List<ClientSeed> clients) {
    public IdentityProperties {
        maskinportenTokenLifetime = maskinportenTokenLifetime == null ? Duration.ofSeconds(120) : maskinportenTokenLifetime;
        altinnTokenLifetime = altinnTokenLifetime == null ? Duration.ofMinutes(30) : altinnTokenLifetime;
        trustedMaskinportenIssuers = trustedMaskinportenIssuers == null ? List.of() : trustedMaskinportenIssuers;
        clients = clients == null ? List.of() : clients;
    }

    /** A client as YAML declares it: its public keys as a JWK set in JSON, or a PEM public key file per key id. */
    public record ClientSeed(String clientId, String organisation, List<String> scopes, String jwks) {
    }
}
