package no.formidling.bridge.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jobsDir   folder with one {@code *.yml} file per bridge job
 * @param scheduler run jobs on their cron schedules (off: only manual triggers through the admin API)
 */
@ConfigurationProperties("formidling.bridge")
public record BridgeProperties(@DefaultValue("./jobs") Path jobsDir, @DefaultValue("true") boolean scheduler) {
}
