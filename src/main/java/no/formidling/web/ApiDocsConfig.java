package no.formidling.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.AntPathMatcher;

/**
 * What Swagger UI shows: the API's name and version, how to get a token, and the bearer scheme on every
 * operation that needs one, so its Authorize button can be used to try calls.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfig {
    static final String BEARER = "bearerAuth";
    /** Operations anyone may call (their features' RouteRules permit them); every other documented operation needs a token. */
    private static final List<String> OPEN_PATHS = List.of("/api/GetEnterpriseToken", "/api/GetPersonalToken", "/.well-known/**", "/health", "/token");
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    @Bean
    OpenAPI formidlingOpenApi(@Value("${formidling.auth.dev-tokens:false}") boolean devTokens,
                              @Value("${formidling.base-url:http://localhost:8080}") String baseUrl) {
        String build = ApiDocsConfig.class.getPackage().getImplementationVersion();
        String tokens = devTokens
                ? """
                  **Getting a token (dev tokens are on, as on the embedded default).** Call \
                  `GET %1$s/api/GetEnterpriseToken?orgNo=310000001&scopes=altinn:broker.write%%20altinn:broker.read` \
                  (the operation under *Dev tokens* below), copy the text it returns, press **Authorize** and paste it. \
                  The demo data has organisations `310000001` and `310000002` under resource `formidling-demo`; \
                  `GetPersonalToken?pid=<11 digits>` gives a person's token, `scopes=altinn:serviceowner` with \
                  `orgNo=991825827&org=digdir` a service owner's.
                  """.formatted(baseUrl)
                : """
                  **Getting a token.** This server trusts the token issuers in `formidling.auth.trusted-issuers` \
                  (Altinn tokens exchanged from Maskinporten or ID-porten). Press **Authorize** and paste one.
                  """;
        return new OpenAPI()
                .info(new Info()
                        .title("Formidling — Altinn 3 Broker API")
                        .version("v1")
                        .description("""
                                A self-hosted server that speaks the Altinn 3 Broker API (file transfer) to the field name \
                                and error code, with a BPMN process behind every transfer%s. Every error is \
                                `application/problem+json`; where Altinn has an error code it is in `code` (`BRO-00009`).

                                Scopes: `altinn:broker.write` (send), `altinn:broker.read` (receive), `altinn:serviceowner` \
                                (service owner endpoints), `altinn:broker.maintenance` (operators).

                                %s""".formatted(build == null ? "" : " (build " + build + ")", tokens)))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An Altinn token (or, with dev tokens on, one from /api/GetEnterpriseToken)")));
    }

    /** Puts the bearer requirement on each secured operation, leaving the open ones (token issuing, health) without. */
    @Bean
    OpenApiCustomizer bearerOnSecuredOperations() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> {
                if (OPEN_PATHS.stream().noneMatch(open -> PATHS.match(open, path))) {
                    item.readOperations().stream().filter(op -> op.getSecurity() == null || op.getSecurity().isEmpty())
                            .forEach(op -> op.addSecurityItem(new SecurityRequirement().addList(BEARER)));
                }
            });
        };
    }
}
