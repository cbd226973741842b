package no.formidling.bridge.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.formidling.bridge.client.BrokerClient;
import no.formidling.bridge.endpoint.FileEntry;

/**
 * What an outbound file is sent as: recipients, senders reference and properties from the job file, the file name
 * (the recipient pattern's named groups) and the sidecar JSON beside the file; templates such as
 * {@code {jobName}/{fileName}} are filled in; the MD5 checksum when the job sends one.
 */
final class TransferMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private final RunContext run;

    TransferMetadata(RunContext run) {
        this.run = run;
    }

    /** Recipients, references and properties of the transfer, from the job file, the file name and the sidecar. */
    BrokerClient.Initialize of(FileEntry file) {
        var broker = run.job.broker();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("fileName", file.name());
        values.put("fileSize", Long.toString(file.size()));
        values.put("jobName", run.job.name());
        values.put("runId", Long.toString(run.runId));
        values.put("date", LocalDate.now(run.job.zone()).toString());
        Set<String> recipients = new LinkedHashSet<>(run.job.staticRecipients());
        if (run.job.recipientPattern() != null) {
            Matcher m = run.job.recipientPattern().matcher(file.name());
            if (!m.matches()) {
                throw new BadFileException("file name does not match broker.recipients.fileNamePattern " + run.job.recipientPattern().pattern());
            }
            recipients.add(party(m.group("recipient")));
            Matcher names = GROUP_NAME.matcher(run.job.recipientPattern().pattern());
            while (names.find()) {
                values.put(names.group(1), m.group(names.group(1)));
            }
        }
        String reference = broker.sendersReference() == null ? "{jobName}/{fileName}" : broker.sendersReference();
        Map<String, String> properties = new LinkedHashMap<>();
        run.job.propertyList().forEach((k, v) -> properties.put(k, fill(v, values)));
        if (run.job.sidecarSuffix() != null) {
            JsonNode sidecar = sidecar(file);
            if (sidecar != null) {
                sidecar.path("recipients").forEach(r -> recipients.add(party(r.asText())));
                if (sidecar.hasNonNull("sendersReference")) {
                    reference = sidecar.get("sendersReference").asText();
                }
                sidecar.path("propertyList").fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
            }
        }
        if (recipients.isEmpty()) {
            throw new BadFileException("no recipients: none in the job file, the file name or the sidecar " + file.name() + run.job.sidecarSuffix());
        }
        String checksum = run.job.sendChecksum() ? md5(file) : null;
        // Names are sent in NFC, as received files are named: a file listed in NFD (e.g. from macOS) arrives the same.
        String fileName = Normalizer.normalize(file.name(), Normalizer.Form.NFC);
        return new BrokerClient.Initialize(fileName, broker.resourceId(), broker.sender(), List.copyOf(recipients),
                fill(reference, values), properties, checksum);
    }

    private JsonNode sidecar(FileEntry file) {
        String name = file.name() + run.job.sidecarSuffix();
        try {
            if (!run.store.exists(name)) {
                return null;
            }
            try (InputStream in = run.store.openRead(name)) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new BadFileException("sidecar " + name + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    private String md5(FileEntry file) {
        MessageDigest md5 = Digests.of("MD5");
        try (InputStream in = new DigestInputStream(run.store.openRead(file.name()), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new BadFileException("file cannot be read: " + e.getMessage(), e);
        }
        return Digests.hex(md5);
    }

    private static String party(String value) {
        String v = value.trim();
        return v.matches("\\d{9}") ? "0192:" + v : v;
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
        }
        return out;
    }
}
