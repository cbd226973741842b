package no.formidling.bridge.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadStreamTest {

    @Test
    void givesEveryByteInOrderWhateverTheSizeAndReadSize() throws IOException {
        for (int size : new int[] {0, 1, ReadAheadStream.PIECE - 1, ReadAheadStream.PIECE, ReadAheadStream.PIECE + 1,
                (ReadAheadStream.DEPTH + 3) * ReadAheadStream.PIECE + 7}) {
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            for (int readSize : new int[] {1000, 300_000}) {
                AtomicInteger released = new AtomicInteger();
                try (InputStream in = new ReadAheadStream(new ByteArrayInputStream(bytes), released::incrementAndGet)) {
                    java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                    byte[] buf = new byte[readSize];
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        got.write(buf, 0, n);
                    }
                    assertThat(got.toByteArray()).as("size %d, reads of %d", size, readSize).isEqualTo(bytes);
                    assertThat(in.read()).isEqualTo(-1);
                }
                assertThat(released).hasValue(1);
            }
        }
    }

    @Test
    void aFailureReachesTheReaderAfterTheBytesBeforeIt() throws IOException {
        byte[] bytes = new byte[ReadAheadStream.PIECE];
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= bytes.length) {
                    throw new IOException("connection reset by SFTP server");
                }
                int n = Math.min(len, bytes.length - served);
                served += n;
                return n;
            }
        };
        try (InputStream in = new ReadAheadStream(failing, () -> { })) {
            assertThat(in.readNBytes(bytes.length)).hasSize(bytes.length);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("connection reset by SFTP server");
        }
    }

    @Test
    void closingEarlyStopsTheReaderClosesTheSourceAndReleasesOnce() throws IOException {
        AtomicBoolean sourceClosed = new AtomicBoolean();
        AtomicInteger released = new AtomicInteger();
        InputStream endless = new FilterInputStream(InputStream.nullInputStream()) {
            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }

            @Override
            public void close() {
                sourceClosed.set(true);
            }
        };
        InputStream in = new ReadAheadStream(endless, released::incrementAndGet);
        assertThat(in.read(new byte[10])).isEqualTo(10);
        in.close();
        in.close();
        assertThat(sourceClosed).isTrue();
        assertThat(released).hasValue(1);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
}
