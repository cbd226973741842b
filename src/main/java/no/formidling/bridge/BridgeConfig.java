package no.formidling.bridge;

import no.formidling.bridge.config.BridgeProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BridgeProperties.class)
class BridgeConfig {
}
