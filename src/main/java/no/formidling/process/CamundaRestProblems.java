package no.formidling.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import no.formidling.web.Problems;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Camunda's REST API ({@code /engine-rest}) answers errors as {@code application/problem+json} like the rest of
 * the server. Camunda's own members stay ({@code type} is its exception name, a relative URI reference;
 * {@code message}, {@code code} and e.g. a parse error's {@code details}), so Camunda's clients (Modeler, external
 * task clients) read them as before; {@code title}, {@code status}, {@code detail} and {@code traceId} are added.
 */
@Configuration(proxyBeanMethods = false)
class CamundaRestProblems {

    /** Replaces the starter's default Jersey application (it backs off when one exists) with one that adds the filter. */
    @Bean
    CamundaJerseyResourceConfig camundaRestWithProblems(ObjectMapper json) {
        return new CamundaJerseyResourceConfig() {
            @Override
            protected void registerAdditionalResources() {
                super.registerAdditionalResources();
                register(new ProblemResponses(json));
            }
        };
    }

    static final class ProblemResponses implements ContainerResponseFilter {
        static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");
        private final ObjectMapper json;

        ProblemResponses(ObjectMapper json) {
            this.json = json;
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (response.getStatus() < 400 || !(response.getEntity() instanceof ExceptionDto camunda)) {
                return;
            }
            ProblemDetail ours = Problems.of(HttpStatusCode.valueOf(response.getStatus()), null, camunda.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", camunda.getType());
            body.put("title", ours.getTitle());
            body.put("status", response.getStatus());
            body.put("detail", camunda.getMessage());
            // Camunda's members as it wrote them (message, code, a parse error's details ...), its type first above
            json.convertValue(camunda, new TypeReference<Map<String, Object>>() { }).forEach(body::putIfAbsent);
            body.put("traceId", ours.getProperties().get("traceId"));
            response.setEntity(body, response.getEntityAnnotations(), PROBLEM_JSON);
        }
    }
}
