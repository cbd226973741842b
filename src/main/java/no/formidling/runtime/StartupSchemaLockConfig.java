package no.formidling.runtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StartupSchemaLockConfig {
    /** Static: a post-processor must exist before the data source, without pulling other beans in early. */
    @Bean
    static StartupSchemaLock startupSchemaLock() {
        return new StartupSchemaLock();
    }
}
