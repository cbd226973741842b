package no.formidling.bridge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;

/** Reads and checks {@code *.yml} job files. Every problem is reported with the file and the key. */
public class JobFileLoader {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::([^}]*))?}");
    private static final Pattern PARTY = Pattern.compile("^(?:\\d{4}:\\d{9}|urn:altinn:organization:identifier-no:\\d{9})$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.\\-]{0,99}$");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);
    private final Function<String, String> variables;

    /** @param variables looks up {@code ${NAME}} references (environment variables, system properties); null when unset */
    public JobFileLoader(Function<String, String> variables) {
        this.variables = variables;
    }

    /** All {@code *.yml}/{@code *.yaml} files of the folder, sorted by name; a missing folder has no jobs. */
    public List<BridgeJob> loadAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list bridge jobs folder " + dir + ": " + e.getMessage(), e);
        }
        List<BridgeJob> jobs = new ArrayList<>();
        Map<String, Path> byName = new HashMap<>();
        for (Path file : files) {
            BridgeJob job = load(file);
            Path other = byName.putIfAbsent(job.name(), file);
            if (other != null) {
                throw new JobFileException(file, "name", "'" + job.name() + "' is already used by " + other);
            }
            jobs.add(job);
        }
        return jobs;
    }

    public BridgeJob load(Path file) {
        JsonNode tree;
        try {
            tree = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new JobFileException(file, null, "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new JobFileException(file, null, "cannot be read: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new JobFileException(file, null, "must be a YAML mapping with the job's keys (name, direction, schedule, ...)");
        }
        resolveVariables(file, tree, "");
        JobDefinition def;
        try {
            def = yaml.treeToValue(tree, JobDefinition.class);
        } catch (UnrecognizedPropertyException e) {
            throw new JobFileException(file, path(e), "unknown key; expected one of " + e.getKnownPropertyIds(), e);
        } catch (InvalidFormatException e) {
            String allowed = e.getTargetType() != null && e.getTargetType().isEnum()
                    ? "; expected one of " + Arrays.toString(e.getTargetType().getEnumConstants()) : "";
            throw new JobFileException(file, path(e), "'" + e.getValue() + "' is not allowed here" + allowed, e);
        } catch (JsonMappingException e) {
            throw new JobFileException(file, path(e), "has the wrong form: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new JobFileException(file, null, e.getOriginalMessage(), e);
        }
        return check(file, def);
    }

    private void resolveVariables(Path file, JsonNode node, String at) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
            List<Map.Entry<String, JsonNode>> replace = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = at.isEmpty() ? f.getKey() : at + "." + f.getKey();
                if (f.getValue().isTextual()) {
                    replace.add(Map.entry(f.getKey(), new TextNode(substitute(file, key, f.getValue().asText()))));
                } else {
                    resolveVariables(file, f.getValue(), key);
                }
            }
            replace.forEach(e -> obj.set(e.getKey(), e.getValue()));
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual()) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, new TextNode(substitute(file, at + "[" + i + "]", item.asText())));
                } else {
                    resolveVariables(file, item, at + "[" + i + "]");
                }
            }
        }
    }

    private String substitute(Path file, String key, String value) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = variables.apply(m.group(1));
            if (v == null) {
                v = m.group(2);
            }
            if (v == null) {
                throw new JobFileException(file, key, "refers to ${" + m.group(1) + "}, which is not set (set the environment variable or give a default as ${"
                        + m.group(1) + ":default})");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private BridgeJob check(Path file, JobDefinition d) {
        Checker c = new Checker(file);
        c.require("name", d.name());
        if (!NAME.matcher(d.name()).matches()) {
            c.fail("name", "'" + d.name() + "' must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        c.require("direction", d.direction());
        c.require("schedule", d.schedule());
        c.require("schedule.cron", d.schedule().cron());
        CronExpression cron;
        try {
            cron = CronExpression.parse(d.schedule().cron());
        } catch (IllegalArgumentException e) {
            throw c.problem("schedule.cron", "'" + d.schedule().cron() + "' is not a cron expression with six fields "
                    + "(second minute hour day-of-month month day-of-week), e.g. '0 0 2 * * *': " + e.getMessage());
        }
        ZoneId zone;
        try {
            zone = d.schedule().zone() == null ? ZoneId.systemDefault() : ZoneId.of(d.schedule().zone());
        } catch (DateTimeException e) {
            throw c.problem("schedule.zone", "'" + d.schedule().zone() + "' is not a time zone id such as Europe/Oslo");
        }
        boolean outbound = d.direction() == JobDefinition.Direction.outbound;
        String side = outbound ? "source" : "target";
        if (outbound && d.target() != null) {
            c.fail("target", "an outbound job reads a 'source' and sends to the Broker; it has no 'target'");
        }
        if (!outbound && d.source() != null) {
            c.fail("source", "an inbound job receives from the Broker and writes to a 'target'; it has no 'source'");
        }
        JobDefinition.Location loc = d.location();
        c.require(side, loc);
        c.require(side + ".type", loc.type());
        c.require(side + ".directory", loc.directory());
        if (loc.type() == JobDefinition.LocationType.sftp) {
            JobDefinition.Sftp s = loc.sftp();
            c.require(side + ".sftp", s);
            c.require(side + ".sftp.host", s.host());
            c.require(side + ".sftp.user", s.user());
            if (s.password() == null && s.privateKey() == null) {
                c.fail(side + ".sftp", "give 'password' or 'privateKey' (a file with an OpenSSH or PEM private key)");
            }
            if (d.isEnabled() && s.privateKey() != null && !Files.isReadable(Path.of(s.privateKey()))) {
                c.fail(side + ".sftp.privateKey", "file " + s.privateKey() + " cannot be read");
            }
            if (d.isEnabled() && s.checksHostKey() && s.knownHosts() != null && !Files.isReadable(Path.of(s.knownHosts()))) {
                c.fail(side + ".sftp.knownHosts", "file " + s.knownHosts() + " cannot be read");
            }
            if (s.checksHostKey() && s.knownHosts() == null) {
                c.fail(side + ".sftp.knownHosts", "is required while host key checking is on (a known_hosts file with the server's key)");
            }
            if (s.port() != null && (s.port() < 1 || s.port() > 65535)) {
                c.fail(side + ".sftp.port", s.port() + " is not a TCP port");
            }
        } else if (loc.sftp() != null) {
            c.fail(side + ".sftp", "only allowed with type: sftp");
        }
        if (loc.pattern() != null) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + loc.pattern());
            } catch (IllegalArgumentException e) {
                c.fail(side + ".pattern", "'" + loc.pattern() + "' is not a glob pattern such as '*.xml': " + e.getMessage());
            }
        }
        Duration stable = Duration.ofSeconds(5);
        if (d.completion() != null) {
            if (!outbound) {
                c.fail("completion", "only outbound jobs wait for files to be complete");
            }
            if (d.completion().rule() == JobDefinition.CompletionRule.stableSize && d.completion().interval() != null) {
                stable = c.duration("completion.interval", d.completion().interval());
            }
        }
        JobDefinition.Broker b = d.broker();
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
            case maskinporten -> {
                JobDefinition.Maskinporten m = b.auth().maskinporten();
                c.require("broker.auth.maskinporten", m);
                c.require("broker.auth.maskinporten.tokenEndpoint", m.tokenEndpoint());
                c.require("broker.auth.maskinporten.clientId", m.clientId());
                c.require("broker.auth.maskinporten.scope", m.scope());
                c.require("broker.auth.maskinporten.keyFile", m.keyFile());
                c.require("broker.auth.maskinporten.exchangeUrl", m.exchangeUrl());
                if (m.systemUserOrg() != null && !m.systemUserOrg().trim().matches("\\d{9}")) {
                    c.fail("broker.auth.maskinporten.systemUserOrg", "must be a nine-digit organisation number");
                }
                if (d.isEnabled() && !Files.isReadable(Path.of(m.keyFile()))) {
                    c.fail("broker.auth.maskinporten.keyFile", "file " + m.keyFile() + " cannot be read");
                }
            }
        }
        Pattern recipientPattern = null;
        Duration awaitPublished = Duration.ofMinutes(10);
        if (outbound) {
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
            if (r.fileNamePattern() != null) {
                try {
                    recipientPattern = Pattern.compile(r.fileNamePattern());
                } catch (PatternSyntaxException e) {
                    throw c.problem("broker.recipients.fileNamePattern", "not a regular expression: " + e.getDescription());
                }
                if (!r.fileNamePattern().contains("(?<recipient>")) {
                    c.fail("broker.recipients.fileNamePattern", "needs a named group (?<recipient>\\d{9}) that captures the recipient's organisation number");
                }
            }
            if (b.propertyList() != null && b.propertyList().size() > 10) {
                c.fail("broker.propertyList", "at most 10 properties are allowed by the Broker API");
            }
            if (b.awaitPublished() != null) {
                awaitPublished = c.duration("broker.awaitPublished", b.awaitPublished());
            }
            if (d.afterSuccess() != null && d.afterSuccess().action() == JobDefinition.SuccessAction.delete && d.afterSuccess().directory() != null) {
                c.fail("afterSuccess.directory", "not used when action is delete");
            }
        } else {
            if (b.recipients() != null || b.sender() != null || b.propertyList() != null || b.sendersReference() != null) {
                c.fail("broker", "recipients, sender, sendersReference and propertyList belong to outbound jobs");
            }
            if (d.afterSuccess() != null) {
                c.fail("afterSuccess", "only outbound jobs archive or delete their source files");
            }
        }
        JobDefinition.Retry rt = d.retry();
        BridgeJob.RetrySettings retry = new BridgeJob.RetrySettings(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(60));
        if (rt != null) {
            int attempts = rt.attempts() == null ? 5 : rt.attempts();
            if (attempts < 1 || attempts > 100) {
                c.fail("retry.attempts", attempts + " must be between 1 and 100");
            }
            double mult = rt.multiplier() == null ? 2.0 : rt.multiplier();
            if (mult < 1.0) {
                c.fail("retry.multiplier", mult + " must be 1 or more");
            }
            retry = new BridgeJob.RetrySettings(attempts,
                    rt.initialInterval() == null ? retry.initialInterval() : c.duration("retry.initialInterval", rt.initialInterval()),
                    mult,
                    rt.maxInterval() == null ? retry.maxInterval() : c.duration("retry.maxInterval", rt.maxInterval()));
        }
        int chunk = 50;
        int concurrency = 4;
        long maxSize = Long.MAX_VALUE;
        if (d.limits() != null) {
            if (d.limits().chunkSize() != null) {
                chunk = d.limits().chunkSize();
                if (chunk < 1 || chunk > 10_000) {
                    c.fail("limits.chunkSize", chunk + " must be between 1 and 10000");
                }
            }
            if (d.limits().concurrency() != null) {
                concurrency = d.limits().concurrency();
                if (concurrency < 1 || concurrency > 64) {
                    c.fail("limits.concurrency", concurrency + " must be between 1 and 64");
                }
            }
            if (d.limits().maxFileSize() != null) {
                try {
                    maxSize = DataSize.parse(d.limits().maxFileSize()).toBytes();
                } catch (IllegalArgumentException e) {
                    c.fail("limits.maxFileSize", "'" + d.limits().maxFileSize() + "' is not a size such as 500MB or 2GB");
                }
            }
        }
        return new BridgeJob(file, d, cron, zone, stable, awaitPublished, recipientPattern, retry, chunk, concurrency, maxSize);
    }

    private static final class Checker {
        private final Path file;

        Checker(Path file) {
            this.file = file;
        }

        void require(String key, Object value) {
            if (value == null || value instanceof String s && s.isBlank()) {
                throw problem(key, "is required");
            }
        }

        void fail(String key, String problem) {
            throw problem(key, problem);
        }

        JobFileException problem(String key, String problem) {
            return new JobFileException(file, key, problem);
        }

        void party(String key, String value) {
            if (!PARTY.matcher(value).matches()) {
                fail(key, "'" + value + "' is not a party of the form 0192:<9-digit organisation number>");
            }
        }

        Duration duration(String key, String value) {
            try {
                Duration d = DurationStyle.detectAndParse(value);
                if (d.isNegative()) {
                    fail(key, "'" + value + "' must not be negative");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw problem(key, "'" + value + "' is not a duration such as PT30S, 30s or 5m");
            }
        }
    }
}
