package no.formidling.bridge.config;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;

/**
 * The rules a job file keeps, checked in the order of its keys: the first one broken stops the load with the key and
 * what is wrong. What passes becomes a {@link BridgeJob} with its values parsed and defaults applied.
 */
final class JobFileRules {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.\\-]{0,99}$");

    private JobFileRules() {
    }

    static BridgeJob check(Path file, JobDefinition d) {
        KeyChecks c = new KeyChecks(file);
        name(c, d.name());
        c.require("direction", d.direction());
        CronExpression cron = cron(c, d.schedule());
        ZoneId zone = zone(c, d.schedule());
        boolean outbound = d.direction() == JobDefinition.Direction.outbound;
        oneSideOnly(c, d, outbound);
        location(c, outbound ? "source" : "target", d.location(), d.isEnabled());
        Duration stable = completion(c, d.completion(), outbound);
        broker(c, d.broker(), d.isEnabled());
        Pattern recipientPattern = null;
        Duration awaitPublished = Duration.ofMinutes(10);
        if (outbound) {
            recipientPattern = senderAndRecipients(c, d.broker());
            if (d.broker().propertyList() != null && d.broker().propertyList().size() > 10) {
                c.fail("broker.propertyList", "at most 10 properties are allowed by the Broker API");
            }
            if (d.broker().awaitPublished() != null) {
                awaitPublished = c.duration("broker.awaitPublished", d.broker().awaitPublished());
            }
            if (d.afterSuccess() != null && d.afterSuccess().action() == JobDefinition.SuccessAction.delete && d.afterSuccess().directory() != null) {
                c.fail("afterSuccess.directory", "not used when action is delete");
            }
        } else {
            nothingOfOutbound(c, d);
        }
        BridgeJob.RetrySettings retry = retry(c, d.retry());
        JobDefinition.Limits limits = d.limits() != null ? d.limits() : new JobDefinition.Limits(null, null, null);
        return new BridgeJob(file, d, cron, zone, stable, awaitPublished, recipientPattern, retry,
                c.between("limits.chunkSize", limits.chunkSize(), 50, 10_000), c.between("limits.concurrency", limits.concurrency(), 4, 64),
                maxFileSize(c, limits));
    }

    private static void name(KeyChecks c, String name) {
        c.require("name", name);
        if (!NAME.matcher(name).matches()) {
            c.fail("name", "'" + name + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static CronExpression cron(KeyChecks c, JobDefinition.Schedule schedule) {
        c.require("schedule", schedule);
        c.require("schedule.cron", schedule.cron());
        try {
            return CronExpression.parse(schedule.cron());
        } catch (IllegalArgumentException e) {
            throw c.problem("schedule.cron", "'" + schedule.cron() + "' is not a cron expression with six fields "
                    + "(second minute hour day-of-month month day-of-week), e.g. '0 0 2 * * *': " + e.getMessage());
        }
    }

    private static ZoneId zone(KeyChecks c, JobDefinition.Schedule schedule) {
        try {
            return schedule.zone() == null ? ZoneId.systemDefault() : ZoneId.of(schedule.zone());
        } catch (DateTimeException e) {
            throw c.problem("schedule.zone", "'" + schedule.zone() + "' is not a time zone id such as Europe/Oslo");
        }
    }

    private static void oneSideOnly(KeyChecks c, JobDefinition d, boolean outbound) {
        if (outbound && d.target() != null) {
            c.fail("target", "an outbound job reads a 'source' and sends to the Broker; it has no 'target'");
        }
        if (!outbound && d.source() != null) {
            c.fail("source", "an inbound job receives from the Broker and writes to a 'target'; it has no 'source'");
        }
    }

    /** The folder or SFTP side; files it names are checked only when the job is enabled. */
    private static void location(KeyChecks c, String side, JobDefinition.Location loc, boolean enabled) {
        c.require(side, loc);
        c.require(side + ".type", loc.type());
        c.require(side + ".directory", loc.directory());
        if (loc.type() == JobDefinition.LocationType.sftp) {
            sftp(c, side + ".sftp", loc.sftp(), enabled);
        } else if (loc.sftp() != null) {
            c.fail(side + ".sftp", "only allowed with type: sftp");
        }
        if (loc.pattern() != null) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + loc.pattern());
            } catch (IllegalArgumentException e) {
                c.fail(side + ".pattern", "'" + loc.pattern() + "' is not a glob pattern such as '*.xml': " + e.getMessage());
            }
        }
    }

    private static void sftp(KeyChecks c, String key, JobDefinition.Sftp s, boolean enabled) {
        c.require(key, s);
        c.require(key + ".host", s.host());
        c.require(key + ".user", s.user());
        if (s.password() == null && s.privateKey() == null) {
            c.fail(key, "give 'password' or 'privateKey' (a file with an OpenSSH or PEM private key)");
        }
        if (enabled && s.privateKey() != null && !Files.isReadable(Path.of(s.privateKey()))) {
            c.fail(key + ".privateKey", "file " + s.privateKey() + " cannot be read");
        }
        if (enabled && s.checksHostKey() && s.knownHosts() != null && !Files.isReadable(Path.of(s.knownHosts()))) {
            c.fail(key + ".knownHosts", "file " + s.knownHosts() + " cannot be read");
        }
        if (s.checksHostKey() && s.knownHosts() == null) {
            c.fail(key + ".knownHosts", "is required while host key checking is on (a known_hosts file with the server's key)");
        }
        if (s.port() != null && (s.port() < 1 || s.port() > 65535)) {
            c.fail(key + ".port", s.port() + " is not a TCP port");
        }
    }

    /** How long a file's size must stay the same (stableSize rule). */
    private static Duration completion(KeyChecks c, JobDefinition.Completion completion, boolean outbound) {
        Duration stable = Duration.ofSeconds(5);
        if (completion != null) {
            if (!outbound) {
                c.fail("completion", "only outbound jobs wait for files to be complete");
            }
            if (completion.rule() == JobDefinition.CompletionRule.stableSize && completion.interval() != null) {
                stable = c.duration("completion.interval", completion.interval());
            }
        }
        return stable;
    }

    private static void broker(KeyChecks c, JobDefinition.Broker b, boolean enabled) {
        c.require("broker", b);
        c.require("broker.baseUrl", b.baseUrl());
        if (!b.baseUrl().matches("https?://.+")) {
            c.fail("broker.baseUrl", "'" + b.baseUrl() + "' must be an http(s) URL such as http://localhost:8080");
        }
        c.require("broker.resourceId", b.resourceId());
        c.require("broker.auth", b.auth());
        c.require("broker.auth.type", b.auth().type());
        switch (b.auth().type()) {
            case token -> c.require("broker.auth.token", b.auth().token());
            case dev -> {
                c.require("broker.auth.orgNo", b.auth().orgNo());
                if (!b.auth().orgNo().matches("\\d{9}")) {
                    c.fail("broker.auth.orgNo", "'" + b.auth().orgNo() + "' is not a 9-digit organisation number");
                }
            }
            case maskinporten -> maskinporten(c, b.auth().maskinporten(), enabled);
        }
    }

    private static void maskinporten(KeyChecks c, JobDefinition.Maskinporten m, boolean enabled) {
        c.require("broker.auth.maskinporten", m);
        c.require("broker.auth.maskinporten.tokenEndpoint", m.tokenEndpoint());
        c.require("broker.auth.maskinporten.clientId", m.clientId());
        c.require("broker.auth.maskinporten.scope", m.scope());
        c.require("broker.auth.maskinporten.keyFile", m.keyFile());
        c.require("broker.auth.maskinporten.exchangeUrl", m.exchangeUrl());
        if (m.systemUserOrg() != null && !m.systemUserOrg().trim().matches("\\d{9}")) {
            c.fail("broker.auth.maskinporten.systemUserOrg", "must be a nine-digit organisation number");
        }
        if (enabled && !Files.isReadable(Path.of(m.keyFile()))) {
            c.fail("broker.auth.maskinporten.keyFile", "file " + m.keyFile() + " cannot be read");
        }
    }

    /** Returns the file-name pattern that names recipients, if the job has one. */
    private static Pattern senderAndRecipients(KeyChecks c, JobDefinition.Broker b) {
        c.require("broker.sender", b.sender());
        c.party("broker.sender", b.sender());
        JobDefinition.Recipients r = b.recipients();
        c.require("broker.recipients", r);
        if ((r.fixed() == null || r.fixed().isEmpty()) && r.fileNamePattern() == null && r.sidecarSuffix() == null) {
            c.fail("broker.recipients", "give at least one of 'static', 'fileNamePattern' or 'sidecarSuffix'");
        }
        if (r.fixed() != null) {
            for (int i = 0; i < r.fixed().size(); i++) {
                c.party("broker.recipients.static[" + i + "]", r.fixed().get(i));
            }
        }
        if (r.fileNamePattern() == null) {
            return null;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(r.fileNamePattern());
        } catch (PatternSyntaxException e) {
            throw c.problem("broker.recipients.fileNamePattern", "not a regular expression: " + e.getDescription());
        }
        if (!r.fileNamePattern().contains("(?<recipient>")) {
            c.fail("broker.recipients.fileNamePattern", "needs a named group (?<recipient>\\d{9}) that captures the recipient's organisation number");
        }
        return pattern;
    }

    private static void nothingOfOutbound(KeyChecks c, JobDefinition d) {
        JobDefinition.Broker b = d.broker();
        if (b.recipients() != null || b.sender() != null || b.propertyList() != null || b.sendersReference() != null) {
            c.fail("broker", "recipients, sender, sendersReference and propertyList belong to outbound jobs");
        }
        if (d.afterSuccess() != null) {
            c.fail("afterSuccess", "only outbound jobs archive or delete their source files");
        }
    }

    private static BridgeJob.RetrySettings retry(KeyChecks c, JobDefinition.Retry rt) {
        BridgeJob.RetrySettings retry = new BridgeJob.RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));
        if (rt == null) {
            return retry;
        }
        int attempts = c.between("retry.attempts", rt.attempts(), 5, 100);
        double mult = rt.multiplier() == null ? 2.0 : rt.multiplier();
        if (mult < 1.0) {
            c.fail("retry.multiplier", mult + " must be 1 or more");
        }
        return new BridgeJob.RetrySettings(attempts,
                rt.initialInterval() == null ? retry.initialInterval() : c.duration("retry.initialInterval", rt.initialInterval()),
                mult,
                rt.maxInterval() == null ? retry.maxInterval() : c.duration("retry.maxInterval", rt.maxInterval()));
    }

    private static long maxFileSize(KeyChecks c, JobDefinition.Limits limits) {
        if (limits.maxFileSize() == null) {
            return Long.MAX_VALUE;
        }
        try {
            return DataSize.parse(limits.maxFileSize()).toBytes();
        } catch (IllegalArgumentException e) {
            throw c.problem("limits.maxFileSize", "'" + limits.maxFileSize() + "' is not a size such as 500MB or 2GB");
        }
    }
}
