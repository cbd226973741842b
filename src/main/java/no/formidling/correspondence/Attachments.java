package no.formidling.correspondence;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Upstream's attachment file-name rules (Windows naming, allowed types) and content types by extension. */
final class Attachments {
    private static final Pattern INVALID_CHARS = Pattern.compile("[<>:\"/\\\\|?*\\x00-\\x1F]");
    private static final Pattern RESERVED = Pattern.compile("^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\\..*)?$", Pattern.CASE_INSENSITIVE);
    static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry(".pdf", "application/pdf"), Map.entry(".xml", "application/xml"), Map.entry(".txt", "text/plain"),
            Map.entry(".json", "application/json"), Map.entry(".csv", "text/csv"), Map.entry(".html", "text/html"),
            Map.entry(".htm", "text/html"), Map.entry(".png", "image/png"), Map.entry(".jpg", "image/jpeg"),
            Map.entry(".jpeg", "image/jpeg"), Map.entry(".gif", "image/gif"), Map.entry(".bmp", "image/bmp"),
            Map.entry(".tif", "image/tiff"), Map.entry(".tiff", "image/tiff"), Map.entry(".svg", "image/svg+xml"),
            Map.entry(".doc", "application/msword"), Map.entry(".xls", "application/vnd.ms-excel"),
            Map.entry(".ppt", "application/vnd.ms-powerpoint"),
            Map.entry(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry(".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry(".odt", "application/vnd.oasis.opendocument.text"), Map.entry(".ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry(".zip", "application/zip"), Map.entry(".7z", "application/x-7z-compressed"), Map.entry(".gz", "application/gzip"),
            Map.entry(".rar", "application/vnd.rar"), Map.entry(".bdoc", "application/vnd.etsi.asic-e+zip"),
            Map.entry(".asice", "application/vnd.etsi.asic-e+zip"), Map.entry(".asics", "application/vnd.etsi.asic-s+zip"));
    private static final Set<String> ALLOWED = CONTENT_TYPES.keySet();

    private Attachments() {
    }

    /** Checks a file name: 2010 missing, 2011 too long, 2012 invalid characters, 2021 reserved name, 2013 type not allowed. */
    static void checkFileName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw CorrespondenceError.FILENAME_MISSING.problem();
        }
        if (fileName.length() > 255) {
            throw CorrespondenceError.FILENAME_TOO_LONG.problem();
        }
        if (INVALID_CHARS.matcher(fileName).find() || fileName.endsWith(".") || fileName.endsWith(" ")) {
            throw CorrespondenceError.FILENAME_INVALID.problem();
        }
        if (RESERVED.matcher(fileName).matches()) {
            throw CorrespondenceError.FILENAME_RESERVED.problem();
        }
        if (!ALLOWED.contains(extension(fileName))) {
            throw CorrespondenceError.FILETYPE_NOT_ALLOWED.problem();
        }
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }

    static String contentType(String fileName) {
        return CONTENT_TYPES.getOrDefault(extension(fileName), "application/octet-stream");
    }
}
