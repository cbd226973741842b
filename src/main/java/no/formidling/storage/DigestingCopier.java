package no.formidling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Copies a stream in large chunks to a sink, counting bytes and computing MD5 as they pass. */
public final class DigestingCopier {
    public static final int CHUNK = 1 << 20;

    @FunctionalInterface
    public interface Sink {
        void accept(byte[] buffer, int length) throws IOException;
    }

    private DigestingCopier() {
    }

    public static BlobStore.StoredBlob copy(InputStream in, long maxBytes, Sink sink) throws IOException {
        MessageDigest md5 = md5();
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        while (true) {
            int filled = fill(in, buffer);
            if (filled <= 0) {
                break;
            }
            total += filled;
            if (total > maxBytes) {
                throw new BlobStore.BlobTooLargeException(maxBytes);
            }
            md5.update(buffer, 0, filled);
            sink.accept(buffer, filled);
            if (filled < buffer.length) {
                break;
            }
        }
        return new BlobStore.StoredBlob(total, HexFormat.of().formatHex(md5.digest()));
    }

    /** Reads until the buffer is full or the stream ends; returns the byte count, -1 at once-ended streams. */
    private static int fill(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                return filled == 0 ? -1 : filled;
            }
            filled += n;
        }
        return filled;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
