package no.formidling.bridge.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.scheduling.support.CronExpression;

/** A checked job file: the definition plus its parsed values, with defaults applied. */
public record BridgeJob(
        Path file,
        JobDefinition definition,
        CronExpression cron,
        ZoneId zone,
        Duration stableInterval,
        Duration awaitPublished,
        Pattern recipientPattern,
        RetrySettings retry,
        int chunkSize,
        int concurrency,
        long maxFileSize) {

    public record RetrySettings(int attempts, Duration initialInterval, double multiplier, Duration maxInterval) {
    }

    public String name() {
        return definition.name();
    }

    public boolean outbound() {
        return definition.direction() == JobDefinition.Direction.outbound;
    }

    public JobDefinition.Location location() {
        return definition.location();
    }

    public JobDefinition.Broker broker() {
        return definition.broker();
    }

    public JobDefinition.CompletionRule completionRule() {
        JobDefinition.Completion c = definition.completion();
        return c == null || c.rule() == null ? JobDefinition.CompletionRule.none : c.rule();
    }

    public String markerSuffix() {
        JobDefinition.Completion c = definition.completion();
        return c == null || c.markerSuffix() == null ? ".done" : c.markerSuffix();
    }

    public String tempSuffix() {
        JobDefinition.Completion c = definition.completion();
        return c == null || c.tempSuffix() == null ? ".tmp" : c.tempSuffix();
    }

    public String pattern() {
        String p = location().pattern();
        return p == null || p.isBlank() ? "*" : p;
    }

    public boolean deleteAfterSuccess() {
        return definition.afterSuccess() != null && definition.afterSuccess().action() == JobDefinition.SuccessAction.delete;
    }

    public String archiveDirectory() {
        JobDefinition.AfterSuccess a = definition.afterSuccess();
        return a == null || a.directory() == null ? "archive" : a.directory();
    }

    public String errorDirectory() {
        JobDefinition.AfterFailure f = definition.afterFailure();
        return f == null || f.directory() == null ? "error" : f.directory();
    }

    public List<String> staticRecipients() {
        JobDefinition.Recipients r = broker().recipients();
        return r == null || r.fixed() == null ? List.of() : r.fixed();
    }

    public String sidecarSuffix() {
        JobDefinition.Recipients r = broker().recipients();
        return r == null ? null : r.sidecarSuffix();
    }

    public Map<String, String> propertyList() {
        return broker().propertyList() == null ? Map.of() : broker().propertyList();
    }

    public boolean sendChecksum() {
        return Boolean.TRUE.equals(broker().checksum());
    }
}
