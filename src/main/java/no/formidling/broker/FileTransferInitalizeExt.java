package no.formidling.broker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.formidling.auth.Parties;

/**
 * The initialize body, named as upstream names it (misspelling included). Validated by hand rather than with
 * annotations so the JSON and the multipart form give the same messages under upstream's keys.
 */
public class FileTransferInitalizeExt {
    public String fileName;
    public String resourceId;
    public String sendersFileTransferReference;
    public String sender;
    public List<String> recipients;
    public Map<String, String> propertyList;
    public String checksum;
    public Boolean disableVirusScan;

    private static final String SENDER_FORMAT = "Organization numbers should be on the form countrycode:organizationnumber (e.g. 0192:910753614) or urn:altinn:organization:identifier-no:organizationnumber";
    private static final String RECIPIENT_FORMAT = "Each recipient should be on the form countrycode:organizationnumber (e.g. 0192:910753614) or urn:altinn:organization:identifier-no:organizationnumber";

    /** Upstream's model-validation messages keyed by property name (with {@code prefix}, e.g. {@code Metadata.}); empty when valid. */
    Map<String, List<String>> validate(String prefix) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        length(errors, prefix + "FileName", fileName, 255);
        if (fileName != null && !fileName.isEmpty() && !isPlainFileName(fileName)) {
            add(errors, prefix + "FileName", "The FileName must be a file name, not a path, and contain no control characters.");
        }
        length(errors, prefix + "ResourceId", resourceId, 255);
        if (resourceId != null && !resourceId.isEmpty() && !resourceId.matches("^(?:urn:altinn:resource:)?[^:]{1,255}$")) {
            add(errors, prefix + "ResourceId", "Invalid Resource identifier format");
        }
        if (sendersFileTransferReference != null && sendersFileTransferReference.length() > 4096) {
            add(errors, prefix + "SendersFileTransferReference", "The field SendersFileTransferReference must be a string with a minimum length of 1 and a maximum length of 4096.");
        }
        if (sender == null || sender.isEmpty()) {
            add(errors, prefix + "Sender", "The Sender field is required.");
        } else if (!Parties.isValid(sender)) {
            add(errors, prefix + "Sender", SENDER_FORMAT);
        }
        if (recipients == null) {
            add(errors, prefix + "Recipients", "The Recipients field is required.");
        } else if (recipients.isEmpty()) {
            add(errors, prefix + "Recipients", "One or more recipients are required");
        } else if (recipients.stream().anyMatch(r -> !Parties.isValid(r))) {
            add(errors, prefix + "Recipients", RECIPIENT_FORMAT);
        }
        if (propertyList != null) {
            if (propertyList.size() > 10) {
                add(errors, prefix + "PropertyList", "PropertyList can contain at most 10 properties");
            }
            propertyList.forEach((k, v) -> {
                if (k.length() > 50) {
                    add(errors, prefix + "PropertyList", "PropertyList Key can not be longer than 50. Length:" + k.length() + ", KeyValue:" + k);
                }
                if (v == null) {
                    add(errors, prefix + "PropertyList", "PropertyList Object is not of proper type");
                } else if (v.length() > 3000) {
                    add(errors, prefix + "PropertyList", "PropertyList Value can not be longer than 3000. Length:" + v.length() + ", Value:" + v);
                }
            });
        }
        if (checksum != null && !checksum.isBlank()) {
            if (checksum.length() != 32) {
                add(errors, prefix + "Checksum", "The checksum, if used, must be a MD5 hash with a length of 32 characters");
            } else if (!checksum.toLowerCase().equals(checksum)) {
                add(errors, prefix + "Checksum", "The checksum, if used, must be a MD5 hash in lower case");
            } else if (!checksum.matches("[0-9a-f]{32}")) {
                add(errors, prefix + "Checksum", "The checksum, if used, must be a hexadecimal MD5 hash");
            }
        }
        return errors;
    }

    InitializeCommand toCommand() {
        return new InitializeCommand(fileName, resourceId, sendersFileTransferReference, sender, recipients,
                propertyList, checksum, Boolean.TRUE.equals(disableVirusScan));
    }

    /** File names are metadata: no separators, no "." or "..", no control characters. */
    static boolean isPlainFileName(String name) {
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return false;
        }
        return name.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static void length(Map<String, List<String>> errors, String key, String value, int max) {
        String property = key.substring(key.lastIndexOf('.') + 1);
        if (value == null || value.isEmpty()) {
            add(errors, key, "The " + property + " field is required.");
        } else if (value.length() > max) {
            add(errors, key, "The field " + property + " must be a string with a minimum length of 1 and a maximum length of " + max + ".");
        }
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}
