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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@code *.yml} job files: YAML, {@code ${NAME}} references filled in, keys bound to {@link JobDefinition} and
 * checked by {@link JobFileRules}. Every problem is reported with the file and the key.
 */
public class JobFileLoader {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::([^}]*))?}");

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
        return JobFileRules.check(file, def);
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
}
