package no.formidling.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The issuers this server signs for with the cluster's key (see {@link DevTokenIssuer}), all derived from
 * {@code formidling.base-url}: its Maskinporten ({@code {base}/}, as Maskinporten's own {@code https://maskinporten.no/})
 * and its Altinn token exchange ({@code {base}/authentication/api/v1/openid/}, as Altinn's).
 */
@Component
public class ServerIssuers {
    private final String base;

    ServerIssuers(@Value("${formidling.base-url}") String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String maskinporten() {
        return base + "/";
    }

    public String altinn() {
        return base + "/authentication/api/v1/openid/";
    }
}
