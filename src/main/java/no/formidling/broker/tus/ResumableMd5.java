package no.formidling.broker.tus;

import java.util.HexFormat;
import org.bouncycastle.crypto.digests.MD5Digest;

/**
 * An MD5 that can be saved after any chunk and continued by any node later: BouncyCastle's digest exposes its
 * internal state (about 100 bytes), which the JDK's does not. This is what lets a resumable upload hash its
 * bytes once, as they arrive, instead of reading the whole file again at the end.
 */
final class ResumableMd5 {
    private final MD5Digest digest;

    private ResumableMd5(MD5Digest digest) {
        this.digest = digest;
    }

    static ResumableMd5 resume(byte[] savedState) {
        return new ResumableMd5(savedState == null ? new MD5Digest() : new MD5Digest(savedState));
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    byte[] save() {
        return digest.getEncodedState();
    }

    /** The MD5 of everything so far, leaving this digest as it was. */
    String hex() {
        byte[] out = new byte[digest.getDigestSize()];
        new MD5Digest(digest).doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
