package no.formidling.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every layer below Spring MVC answers errors as {@code application/problem+json} too. */
@Configuration(proxyBeanMethods = false)
class ErrorResponsesConfig {

    /** Tomcat's host-level error report (used when no servlet ran) writes problem documents. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // The host adds a valve of this class at start only if none is there yet: ours, built with the app's mapper.
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve(json));
            }
        });
    }

    /**
     * TRACE is let through Tomcat (which would refuse it with an empty body) only to be refused here, first, as a
     * problem; it is never echoed back, so no header or cookie is reflected.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> traceReachesTheApplication() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> refuseTrace(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!"TRACE".equals(request.getMethod())) {
                    chain.doFilter(request, response);
                    return;
                }
                response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
                response.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                json.writeValue(response.getOutputStream(), Problems.of(HttpStatus.METHOD_NOT_ALLOWED, null, ProblemErrorReportValve.detail(405)));
            }
        });
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        bean.setName("refuseTrace");
        return bean;
    }
}
