package no.formidling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies a stream to a sink in large chunks, counting bytes, computing MD5 and enforcing the size limit as they pass:
 * the one write pipeline of every {@link BlobStore}, each store bringing its own sink (a file, staged Azure blocks).
 * Three stages run at once on every chunk: the caller's thread reads the next one while one thread digests and another
 * writes the previous ones, so the upload is bound by the slowest stage (MD5) instead of the sum of all three. Memory
 * stays at {@value #BUFFERS} chunks whatever the size. A body that fits in the first 64 KiB is copied directly, in one
 * call to the sink, without other threads.
 */
public final class DigestingCopier {
    public static final int CHUNK = 1 << 20;
    /** A body shorter than this is handed to the sink whole, in one call. */
    static final int FIRST_CHUNK = 64 * 1024;
    private static final int BUFFERS = 4;
    private static final ExecutorService STAGES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blob-copy");
        t.setDaemon(true);
        return t;
    });

    @FunctionalInterface
    public interface Sink {
        void accept(byte[] buffer, int length) throws IOException;
    }

    /** A filled buffer on its way through the stages; the last stage to finish with it gives it back. */
    private record Chunk(byte[] bytes, int length, AtomicInteger stagesLeft) {
        static final Chunk END = new Chunk(new byte[0], -1, new AtomicInteger());
    }

    private DigestingCopier() {
    }

    public static BlobStore.StoredBlob copy(InputStream in, long maxBytes, Sink sink) throws IOException {
        MessageDigest md5 = md5();
        long size = copy(in, maxBytes, md5, sink);
        return new BlobStore.StoredBlob(size, HexFormat.of().formatHex(md5.digest()));
    }

    /**
     * The same pipeline without the digest stage, for bytes someone else hashes (a resumable upload hashes its chunks
     * as they arrive): reading and writing still overlap. Returns the number of bytes copied.
     */
    public static long copyUndigested(InputStream in, long maxBytes, Sink sink) throws IOException {
        return copy(in, maxBytes, null, sink);
    }

    private static long copy(InputStream in, long maxBytes, MessageDigest md5, Sink sink) throws IOException {
        // Small files (most transfers) are copied on the caller's thread with one small buffer.
        byte[] first = new byte[FIRST_CHUNK];
        int n = fill(in, first, 0);
        if (n < FIRST_CHUNK) {
            long size = Math.max(n, 0);
            if (size > maxBytes) {
                throw new BlobStore.BlobTooLargeException(maxBytes);
            }
            if (size > 0) {
                if (md5 != null) {
                    md5.update(first, 0, n);
                }
                sink.accept(first, n);
            }
            return size;
        }
        return pipelined(first, in, maxBytes, md5, sink);
    }

    private static long pipelined(byte[] first, InputStream in, long maxBytes, MessageDigest md5, Sink sink) throws IOException {
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(Buffers.array());
        }
        int stages = md5 == null ? 1 : 2;
        BlockingQueue<Chunk> toDigest = md5 == null ? null : new ArrayBlockingQueue<>(BUFFERS + 1);
        BlockingQueue<Chunk> toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
        Future<?> digester = md5 == null ? CompletableFuture.completedFuture(null)
                : STAGES.submit(() -> run(toDigest, free, (bytes, length) -> md5.update(bytes, 0, length)));
        Future<?> writer = STAGES.submit(() -> run(toWrite, free, sink));
        long total = first.length;
        try {
            if (total > maxBytes) {
                throw new BlobStore.BlobTooLargeException(maxBytes);
            }
            hand(new Chunk(first, first.length, new AtomicInteger(stages)), toDigest, toWrite, digester, writer);
            while (true) {
                byte[] buffer = take(free, digester, writer);
                int n = fill(in, buffer, 0);
                if (n <= 0) {
                    free.add(buffer);
                    break;
                }
                total += n;
                if (total > maxBytes) {
                    throw new BlobStore.BlobTooLargeException(maxBytes);
                }
                hand(new Chunk(buffer, n, new AtomicInteger(stages)), toDigest, toWrite, digester, writer);
            }
            hand(Chunk.END, toDigest, toWrite, digester, writer);
            writer.get();
            digester.get();
            free.forEach(Buffers::giveBack); // both stages are done: every buffer is back and no one holds it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            writer.cancel(true);
            digester.cancel(true);
        }
        return total;
    }

    /** One stage: takes chunks in order until the end, and recycles each buffer once the other stage is done too. */
    private static Void run(BlockingQueue<Chunk> queue, BlockingQueue<byte[]> free, Sink stage) throws IOException, InterruptedException {
        for (Chunk c = queue.take(); c != Chunk.END; c = queue.take()) {
            stage.accept(c.bytes(), c.length());
            if (c.stagesLeft().decrementAndGet() == 0 && c.bytes().length == CHUNK) {
                free.put(c.bytes());
            }
        }
        return null;
    }

    private static void hand(Chunk chunk, BlockingQueue<Chunk> toDigest, BlockingQueue<Chunk> toWrite, Future<?> digester, Future<?> writer)
            throws InterruptedException, ExecutionException {
        if (toDigest != null) {
            put(toDigest, chunk, digester, writer);
        }
        put(toWrite, chunk, digester, writer);
    }

    /** Waits for a free buffer, failing at once when a stage has failed. */
    private static byte[] take(BlockingQueue<byte[]> free, Future<?> digester, Future<?> writer) throws InterruptedException, ExecutionException {
        while (true) {
            byte[] b = free.poll(100, TimeUnit.MILLISECONDS);
            if (b != null) {
                return b;
            }
            failIfStopped(digester);
            failIfStopped(writer);
        }
    }

    private static void put(BlockingQueue<Chunk> queue, Chunk chunk, Future<?> digester, Future<?> writer) throws InterruptedException, ExecutionException {
        while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
            failIfStopped(digester);
            failIfStopped(writer);
        }
    }

    /** Surfaces a stage's failure instead of waiting forever for it (a stage that ended well has taken its END). */
    private static void failIfStopped(Future<?> stage) throws InterruptedException, ExecutionException {
        if (stage.isDone()) {
            stage.get();
        }
    }

    /**
     * Reads into {@code buffer} from {@code from} until it is full or the stream ends; returns the bytes now in it
     * (counting the first {@code from}), -1 when it was empty and nothing was left.
     */
    private static int fill(InputStream in, byte[] buffer, int from) throws IOException {
        int filled = from;
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
