package no.formidling.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param devTokens      issue and accept dev tokens (off in the {@code prod} profile)
 * @param trustedIssuers issuers whose tokens are accepted, each with its JWKS URI
 * @param adminOrgNo     organisation whose tokens may use the admin API (besides the maintenance scope)
 */
@ConfigurationProperties("formidling.auth")
public record AuthProperties(boolean devTokens, List<TrustedIssuer> trustedIssuers, String adminOrgNo) {
    public AuthProperties {
        trustedIssuers = trustedIssuers == null ? List.of() : trustedIssuers;
    }

    public record TrustedIssuer(String issuer, String jwksUri) {
    }
}
