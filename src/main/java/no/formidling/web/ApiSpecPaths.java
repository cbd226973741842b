package no.formidling.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The API documents also at the paths Altinn's guides link to, so a guide's link works against this server. */
@Configuration(proxyBeanMethods = false)
class ApiSpecPaths implements WebMvcConfigurer {
    static final String[] PATHS = {"/api/broker/spec", "/api/broker/spec/", "/api/correspondence/spec", "/api/correspondence/spec/"};

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String path : PATHS) {
            registry.addRedirectViewController(path, "/swagger-ui/index.html");
        }
    }
}
