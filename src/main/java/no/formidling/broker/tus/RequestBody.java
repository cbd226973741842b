package no.formidling.broker.tus;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A PATCH body as it arrives: feeds the MD5 (when there is one) and remembers whether a failure came from the
 * client's side of the socket, so that a dropped connection is not reported as a storage failure.
 */
final class RequestBody extends InputStream {
    private final InputStream in;
    private final MessageDigest md5;
    private boolean readFailed;

    RequestBody(InputStream in, MessageDigest md5) {
        this.in = in;
        this.md5 = md5;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            readFailed = true;
            throw e;
        }
        if (n > 0 && md5 != null) {
            md5.update(b, off, n);
        }
        return n;
    }

    boolean readFailed() {
        return readFailed;
    }

    /** A view of the next {@code length} bytes that never reads past them and leaves the body open. */
    InputStream next(long length) {
        RequestBody body = this;
        return new InputStream() {
            long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = body.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }
}
