package no.formidling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a stream to a sink in large chunks, counting bytes and computing MD5 as they pass. Reading runs on
 * the caller's thread while a second thread digests and writes the previous chunk, so the socket, the MD5 and
 * the disk work at the same time; memory stays at {@value #BUFFERS} chunks whatever the size. A body that fits
 * in the first 64 KiB is copied directly, without a second thread.
 */
public final class DigestingCopier {
    public static final int CHUNK = 1 << 20;
    private static final int FIRST_CHUNK = 64 * 1024;
    private static final int BUFFERS = 3;
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blob-writer");
        t.setDaemon(true);
        return t;
    });

    @FunctionalInterface
    public interface Sink {
        void accept(byte[] buffer, int length) throws IOException;
    }

    private record Chunk(byte[] bytes, int length) {
        static final Chunk END = new Chunk(new byte[0], -1);
    }

    private DigestingCopier() {
    }

    public static BlobStore.StoredBlob copy(InputStream in, long maxBytes, Sink sink) throws IOException {
        // Small files (most transfers) are copied on the caller's thread with one small buffer.
        byte[] first = new byte[FIRST_CHUNK];
        int n = fill(in, first);
        if (n < FIRST_CHUNK) {
            MessageDigest md5 = md5();
            long size = Math.max(n, 0);
            if (size > maxBytes) {
                throw new BlobStore.BlobTooLargeException(maxBytes);
            }
            if (size > 0) {
                md5.update(first, 0, n);
                sink.accept(first, n);
            }
            return new BlobStore.StoredBlob(size, HexFormat.of().formatHex(md5.digest()));
        }
        return pipelined(first, in, maxBytes, sink);
    }

    private static BlobStore.StoredBlob pipelined(byte[] first, InputStream in, long maxBytes, Sink sink) throws IOException {
        BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[CHUNK]);
        }
        MessageDigest md5 = md5();
        Future<?> writer = WRITERS.submit(() -> {
            for (Chunk c = filled.take(); c != Chunk.END; c = filled.take()) {
                md5.update(c.bytes(), 0, c.length());
                sink.accept(c.bytes(), c.length());
                if (c.bytes().length == CHUNK) {
                    free.put(c.bytes());
                }
            }
            return null;
        });
        long total = first.length;
        try {
            if (total > maxBytes) {
                throw new BlobStore.BlobTooLargeException(maxBytes);
            }
            put(filled, new Chunk(first, first.length), writer);
            while (true) {
                byte[] buffer = take(free, writer);
                int n = fill(in, buffer);
                if (n <= 0) {
                    break;
                }
                total += n;
                if (total > maxBytes) {
                    throw new BlobStore.BlobTooLargeException(maxBytes);
                }
                put(filled, new Chunk(buffer, n), writer);
            }
            put(filled, Chunk.END, writer);
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            writer.cancel(true);
        }
        return new BlobStore.StoredBlob(total, HexFormat.of().formatHex(md5.digest()));
    }

    /** Waits for a free buffer, failing at once when the writer has failed. */
    private static byte[] take(BlockingQueue<byte[]> free, Future<?> writer) throws InterruptedException, ExecutionException {
        while (true) {
            byte[] b = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            failIfWriterStopped(writer);
        }
    }

    private static void put(BlockingQueue<Chunk> filled, Chunk chunk, Future<?> writer) throws InterruptedException, ExecutionException {
        while (!filled.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            failIfWriterStopped(writer);
        }
    }

    /** The writer only ends early on a failure: surface it instead of waiting forever for it. */
    private static void failIfWriterStopped(Future<?> writer) throws InterruptedException, ExecutionException {
        if (writer.isDone()) {
            writer.get();
            throw new ExecutionException(new IOException("Blob writer stopped"));
        }
    }

    /** Reads until the buffer is full or the stream ends; returns the byte count, -1 when nothing was left. */
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
