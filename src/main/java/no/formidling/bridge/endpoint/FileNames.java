package no.formidling.bridge.endpoint;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * How a name sent through the Broker becomes a file name in a folder or on an SFTP server: kept as sent
 * (Unicode, normalized to NFC), with only what no target can hold replaced.
 */
public final class FileNames {
    /**
     * Longest name in UTF-8 bytes. File systems and SFTP servers take 255; the rest leaves room for the bridge's
     * temporary name ({@code .<name>.part}), the error report ({@code <name>.error.json}) and an archive suffix.
     */
    public static final int MAX_BYTES = 200;
    /** An extension longer than this is not kept when a long name is shortened. */
    private static final int MAX_EXTENSION_BYTES = 20;

    private FileNames() {
    }

    /**
     * The name to write a received file under: NFC; {@code /}, {@code \}, control characters (NUL included) and
     * broken surrogates become {@code _}; leading dots are dropped (a hidden file, or one the bridge would take for
     * its own temporary file); names longer than {@link #MAX_BYTES} are shortened, keeping the extension. A name
     * with nothing left ({@code ""}, {@code .}, {@code ..}, blanks) becomes {@code fallback}.
     */
    public static String forTarget(String sent, String fallback) {
        String nfc = Normalizer.normalize(sent == null ? "" : sent, Normalizer.Form.NFC);
        StringBuilder name = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(c -> name.appendCodePoint(refused(c) ? '_' : c));
        int start = 0;
        while (start < name.length() && name.charAt(start) == '.') {
            start++;
        }
        String kept = name.substring(start);
        return kept.isBlank() ? fallback : shorten(kept, MAX_BYTES);
    }

    /** {@code prefix + name}, the name shortened (extension kept) so that the whole fits in {@link #MAX_BYTES}. */
    public static String prefixed(String prefix, String name) {
        return prefix + shorten(name, MAX_BYTES - utf8Length(prefix));
    }

    private static boolean refused(int codePoint) {
        return codePoint == '/' || codePoint == '\\' || Character.isISOControl(codePoint)
                || Character.getType(codePoint) == Character.SURROGATE;
    }

    static String shorten(String name, int maxBytes) {
        if (utf8Length(name) <= maxBytes) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && utf8Length(name.substring(dot)) <= MAX_EXTENSION_BYTES ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = maxBytes - utf8Length(extension);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int c = stem.codePointAt(i);
            int bytes = utf8Length(new String(Character.toChars(c)));
            if (used + bytes > budget) {
                break;
            }
            out.appendCodePoint(c);
            used += bytes;
            i += Character.charCount(c);
        }
        return out + extension;
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
