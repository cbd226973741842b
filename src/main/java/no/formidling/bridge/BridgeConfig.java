package no.formidling.bridge;

import no.formidling.bridge.config.BridgeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BridgeProperties.class)
class BridgeConfig {
    private static final Logger log = LoggerFactory.getLogger(BridgeConfig.class);

    BridgeConfig() {
        // Java names files in the locale's charset: under C/POSIX only ASCII names can be written.
        String charset = System.getProperty("sun.jnu.encoding", "");
        if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")) {
            log.warn("File names are limited to {} (the locale has no UTF-8): bridge jobs write received files whose names it "
                    + "cannot hold under their transfer id. Start the server with LANG=C.UTF-8 to keep names as sent.", charset);
        }
    }
}
