package no.formidling.bridge.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * A request body read from a stream in pieces of up to {@value #PIECE} bytes. The JDK's {@code ofInputStream}
 * reads 16 KiB per piece, and the client's cost per piece (scheduling, flow control, one socket write each) made
 * large uploads CPU-bound. Each iteration (a retried send subscribes again) opens a fresh stream; {@link #close()}
 * closes the last one even when the call ends before the body does (e.g. the Broker refused it early).
 * {@link #publisher()} hands the pieces to the HTTP client as they are: the JDK's {@code ofByteArrays} copies every
 * array into new 16 KiB buffers first, one more copy and allocation of every byte of the file.
 */
final class ChunkedBody implements Iterable<byte[]>, Closeable {
    static final int PIECE = 256 * 1024;
    private final Supplier<InputStream> streams;
    private final long size;
    private InputStream open;

    ChunkedBody(Supplier<InputStream> streams, long size) {
        this.streams = streams;
        this.size = size;
    }

    @Override
    public synchronized Iterator<byte[]> iterator() {
        closeQuietly();
        InputStream in = streams.get();
        open = in;
        return new Iterator<>() {
            private byte[] next;
            private boolean ended;
            private long read;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    next = readPiece();
                    ended = next == null;
                }
                return next != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] piece = next;
                next = null;
                return piece;
            }

            /** Fills a new array (the client may still hold the previous ones); null at the end of the stream. */
            private byte[] readPiece() {
                // Sized to what is announced, plus one byte so a longer stream still shows up (and fails the call).
                byte[] piece = new byte[(int) Math.max(1, Math.min(PIECE, size - read + 1))];
                int filled = 0;
                try {
                    while (filled < piece.length) {
                        int n = in.read(piece, filled, piece.length - filled);
                        if (n < 0) {
                            break;
                        }
                        filled += n;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                read += filled;
                return filled == 0 ? null : filled == piece.length ? piece : Arrays.copyOf(piece, filled);
            }
        };
    }

    /** The pieces as a request body, each wrapped as it was read (not copied); every subscription reads a fresh stream. */
    Flow.Publisher<ByteBuffer> publisher() {
        return JdkFlowAdapter.publisherToFlowPublisher(Flux.fromIterable(this).map(ByteBuffer::wrap)
                .onErrorMap(UncheckedIOException.class, UncheckedIOException::getCause)); // the read's own error, for the run log
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // the body was read or abandoned; a failing close changes nothing for the call
            }
            open = null;
        }
    }
}
