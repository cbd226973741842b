package no.formidling.bridge.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Message digests by name (every Java has SHA-256 and MD5) and their values as hex, as the Broker and the audit log show them. */
final class Digests {
    private Digests() {
    }

    static MessageDigest of(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of what it was fed, as lower-case hex; resets it. */
    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256Hex(String s) {
        return HexFormat.of().formatHex(of("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
