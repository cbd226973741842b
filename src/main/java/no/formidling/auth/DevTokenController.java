package no.formidling.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import no.formidling.web.ApiProblem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Altinn test-token-generator look-alike: same query names, tokens as {@code text/plain}. */
@RestController
@Tag(name = "Dev tokens", description = "Test tokens for local development (off in prod)")
@ConditionalOnProperty(name = "formidling.auth.dev-tokens", havingValue = "true")
class DevTokenController {
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    private final DevTokenIssuer issuer;

    DevTokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Operation(summary = "An enterprise (Maskinporten-exchanged) token for an organisation")
    @GetMapping(path = "/api/GetEnterpriseToken", produces = MediaType.TEXT_PLAIN_VALUE)
    String enterpriseToken(@RequestParam String orgNo, @RequestParam(required = false) String org,
                           @RequestParam(defaultValue = "altinn:broker.write altinn:broker.read") String scopes,
                           @RequestParam(required = false) Long ttl) {
        if (!Parties.isOrgNo(orgNo)) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "orgNo must be a 9-digit organisation number");
        }
        return issuer.enterpriseToken(org, orgNo, scopes, ttl(ttl));
    }

    @Operation(summary = "A personal (ID-porten) token for a person")
    @GetMapping(path = "/api/GetPersonalToken", produces = MediaType.TEXT_PLAIN_VALUE)
    String personalToken(@RequestParam String pid, @RequestParam(defaultValue = "altinn:broker.read") String scopes,
                         @RequestParam(required = false) Long ttl) {
        if (!pid.matches("\\d{11}")) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "pid must be an 11-digit national identity number");
        }
        return issuer.personalToken(pid, scopes, ttl(ttl));
    }

    private static Duration ttl(Long seconds) {
        if (seconds == null) {
            return DEFAULT_TTL;
        }
        if (seconds <= 0 || seconds > 31 * 24 * 3600L) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "ttl must be between 1 and 2678400 seconds");
        }
        return Duration.ofSeconds(seconds);
    }
}
