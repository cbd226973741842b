package no.formidling.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

@Configuration(proxyBeanMethods = false)
class WebConfig {

    /** A path with a trailing slash answers like the path without it, as ASP.NET routing does upstream. */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlash() {
        FilterRegistrationBean<UrlHandlerFilter> bean = new FilterRegistrationBean<>(
                UrlHandlerFilter.trailingSlashHandler("/broker/**", "/events/**", "/resourceregistry/**", "/register/**", "/correspondence/**")
                        .wrapRequest().build());
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }
}
