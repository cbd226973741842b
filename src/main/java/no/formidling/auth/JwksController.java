package no.formidling.auth;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public key of every token this server signs (dev tokens, its Maskinporten and its Altinn token exchange). */
@RestController
@Tag(name = "Dev tokens")
@ConditionalOnExpression("${formidling.auth.dev-tokens:false} or ${formidling.identity.enabled:false}")
class JwksController {
    private final DevTokenIssuer issuer;

    JwksController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks() {
        return issuer.jwks().toJSONObject();
    }
}
