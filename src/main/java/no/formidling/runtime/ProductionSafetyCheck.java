package no.formidling.runtime;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Refuses to start in production with the development defaults still in place. */
@Component
@Profile("prod")
class ProductionSafetyCheck implements InitializingBean {
    private final String adminPassword;
    private final String datasourceUrl;

    ProductionSafetyCheck(@Value("${camunda.bpm.admin-user.password:}") String adminPassword,
                          @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.adminPassword = adminPassword;
        this.datasourceUrl = datasourceUrl;
    }

    @Override
    public void afterPropertiesSet() {
        if (adminPassword.isBlank() || adminPassword.equals("admin")) {
            throw new IllegalStateException("Profile 'prod': set FORMIDLING_ADMIN_PASSWORD to something other than the default 'admin'");
        }
        if (datasourceUrl.isBlank()) {
            throw new IllegalStateException("Profile 'prod': set SPRING_DATASOURCE_URL to your PostgreSQL (the embedded database is for development)");
        }
    }
}
