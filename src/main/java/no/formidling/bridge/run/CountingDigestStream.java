package no.formidling.bridge.run;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicLong;

/** Passes bytes through while feeding them to digests and counting them. */
class CountingDigestStream extends FilterInputStream {
    private final MessageDigest[] digests;
    private final AtomicLong count;

    CountingDigestStream(InputStream in, MessageDigest digest, AtomicLong count) {
        this(in, count, digest);
    }

    CountingDigestStream(InputStream in, AtomicLong count, MessageDigest... digests) {
        super(in);
        this.digests = digests;
        this.count = count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            for (MessageDigest d : digests) {
                d.update((byte) b);
            }
            count.incrementAndGet();
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            for (MessageDigest d : digests) {
                d.update(buf, off, n);
            }
            count.addAndGet(n);
        }
        return n;
    }
}
