package no.formidling.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Hands on exactly {@code length} bytes of a longer stream (to the Azure SDK, to a staged block) and notes whether it
 * ended before. "Markable"
 * only at its start: the SDK rewinds before it sends (its fast path, reading large pieces, needs that), while
 * a real replay after bytes went out cannot be had from a request body and fails.
 */
final class ExactLengthStream extends InputStream {
    private final InputStream in;
    private final long length;
    long taken;
    boolean endedEarly;

    ExactLengthStream(InputStream in, long length) {
        this.in = in;
        this.length = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // only the start can be returned to
    }

    @Override
    public synchronized void reset() throws IOException {
        if (taken > 0) {
            throw new IOException("A request body cannot be sent again after " + taken + " bytes");
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (taken >= length) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, length - taken));
        if (n < 0) {
            endedEarly = true;
            return -1;
        }
        taken += n;
        return n;
    }
}
