package no.formidling.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an arriving blob to its partial file. The first {@value #DIRECT_FROM} bytes go through the page cache (most
 * blobs are small, and the final fsync covers them). Beyond that the bytes go to the disk with O_DIRECT, from one
 * aligned buffer: the blob must be forced to disk before it counts anyway, and filling the page cache with a GiB first
 * cost the kernel 0.3–2.7 CPU-seconds on a 2-core machine (against 0.1–0.3 direct), CPU the MD5 stage needed.
 * Where the file system refuses O_DIRECT (tmpfs before Linux 6.6, some FUSE mounts) the writer stays buffered and
 * forces the file every {@value #FLUSH_EVERY} bytes in the background, so the final fsync only has the tail left.
 */
final class BlobFileWriter implements Closeable {
    static final long DIRECT_FROM = 8L << 20;
    private static final long FLUSH_EVERY = 32L << 20;
    private static final int DIRECT_BUFFER = 1 << 20;
    private static final ExecutorService FLUSHERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blob-flush");
        t.setDaemon(true);
        return t;
    });
    private final Path file;
    private final FileChannel buffered;
    private final DirectOpener opener;
    private final long directFrom;
    private Direct direct;
    private boolean directRefused;
    private long written;
    private long unflushed;
    private Future<?> flushing;

    /** Opens the file for O_DIRECT writes; a separate step so a test can make the first direct write fail. */
    @FunctionalInterface
    interface DirectOpener {
        FileChannel open(Path file) throws IOException;
    }

    BlobFileWriter(Path file, FileChannel buffered) {
        this(file, buffered, 0, DIRECT_FROM, BlobFileWriter::openDirect);
    }

    BlobFileWriter(Path file, FileChannel buffered, DirectOpener opener) {
        this(file, buffered, 0, DIRECT_FROM, opener);
    }

    /** Writes from {@code start} of the file on (an append); bytes from {@code directFrom} on go direct when aligned. */
    BlobFileWriter(Path file, FileChannel buffered, long start, long directFrom) {
        this(file, buffered, start, directFrom, BlobFileWriter::openDirect);
    }

    private BlobFileWriter(Path file, FileChannel buffered, long start, long directFrom, DirectOpener opener) {
        this.file = file;
        this.buffered = buffered;
        this.opener = opener;
        this.written = start;
        this.directFrom = directFrom;
    }

    private static FileChannel openDirect(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT);
    }

    void append(byte[] bytes, int length) throws IOException {
        if (direct == null && !directRefused && written >= directFrom) {
            direct = Direct.open(opener, file, written);
            directRefused = direct == null;
        }
        if (direct != null) {
            try {
                direct.append(bytes, length);
                written += length;
            } catch (Direct.Refused refused) {
                goBuffered(refused);
            }
            return;
        }
        writeBuffered(bytes, length);
    }

    /** Writes what is still held back and waits for the background flush; the caller then forces the file. */
    void finish() throws IOException {
        if (direct != null) {
            try {
                direct.finish();
            } catch (Direct.Refused refused) {
                goBuffered(refused);
            }
        }
        awaitFlush();
    }

    /** The file system took the O_DIRECT open but not the first write: nothing went that way, so go on buffered. */
    private void goBuffered(Direct.Refused refused) throws IOException {
        direct.close();
        direct = null;
        directRefused = true;
        written = refused.start;
        writeBuffered(refused.unwritten, refused.unwritten.length);
    }

    private void writeBuffered(byte[] bytes, int length) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(bytes, 0, length);
        while (bb.hasRemaining()) {
            written += buffered.write(bb, written);
        }
        unflushed += length;
        if (unflushed >= FLUSH_EVERY && (flushing == null || flushing.isDone())) {
            awaitFlush();
            unflushed = 0;
            flushing = FLUSHERS.submit(() -> {
                buffered.force(false);
                return null;
            });
        }
    }

    /** A background flush's failure is the write's failure (Linux reports a lost write only once). */
    private void awaitFlush() throws IOException {
        if (flushing == null) {
            return;
        }
        try {
            flushing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while flushing");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Whether the bytes beyond {@value #DIRECT_FROM} went to the disk directly. */
    boolean wentDirect() {
        return direct != null;
    }

    @Override
    public void close() throws IOException {
        if (direct != null) {
            direct.close();
        }
    }

    /** The O_DIRECT part: whole aligned blocks from one aligned buffer; the tail is padded, then cut back by truncate. */
    private static final class Direct implements Closeable {
        /** Room to align the buffer for any block size this writer takes (up to {@value #MAX_BLOCK} bytes). */
        private static final int MAX_BLOCK = 64 * 1024;
        private static final Map<Path, Long> BLOCK_SIZES = new ConcurrentHashMap<>();
        private final FileChannel channel;
        private final ByteBuffer raw;
        private final ByteBuffer buffer;
        private final int block;
        private final long start;
        private long position;
        private boolean closed;

        private Direct(FileChannel channel, int block, long position) {
            this.channel = channel;
            this.block = block;
            this.start = position;
            this.position = position;
            this.raw = Buffers.direct(DIRECT_BUFFER + MAX_BLOCK);
            this.buffer = raw.alignedSlice(block);
        }

        /** Null when the file system has no O_DIRECT or a block size it cannot be aligned to here. */
        static Direct open(DirectOpener opener, Path file, long position) {
            try {
                long block = blockSize(file);
                if (block <= 0 || block > MAX_BLOCK || DIRECT_BUFFER % block != 0 || position % block != 0) {
                    return null;
                }
                return new Direct(opener.open(file), (int) block, position);
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }

        /** The file system's block size, looked up once per folder (finding a file's store reads the mount table). */
        private static long blockSize(Path file) throws IOException {
            Path folder = file.toAbsolutePath().getParent();
            Long known = BLOCK_SIZES.get(folder);
            if (known == null) {
                known = Files.getFileStore(file).getBlockSize();
                if (BLOCK_SIZES.size() > 1000) {
                    BLOCK_SIZES.clear(); // one folder per resumable upload: keep the map small
                }
                BLOCK_SIZES.put(folder, known);
            }
            return known;
        }

        void append(byte[] bytes, int length) throws IOException {
            int offset = 0;
            while (offset < length) {
                int n = Math.min(length - offset, buffer.remaining());
                buffer.put(bytes, offset, n);
                offset += n;
                if (!buffer.hasRemaining()) {
                    try {
                        writeBuffer(buffer.capacity(), buffer.capacity());
                    } catch (Refused refused) {
                        throw refused.andThen(bytes, offset, length - offset);
                    }
                }
            }
        }

        void finish() throws IOException {
            int tail = buffer.position();
            if (tail == 0) {
                return;
            }
            int padded = (tail + block - 1) / block * block;
            while (buffer.position() < padded) {
                buffer.put((byte) 0);
            }
            writeBuffer(padded, tail);
            position -= padded - tail;
            channel.truncate(position);
        }

        /** Writes the buffer's first {@code length} bytes, of which {@code data} are the blob's (the rest pads the tail). */
        private void writeBuffer(int length, int data) throws IOException {
            buffer.flip().limit(length);
            try {
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
            } catch (IOException e) {
                if (position == start) {
                    byte[] unwritten = new byte[data];
                    buffer.position(0).get(unwritten);
                    throw new Refused(start, unwritten, e);
                }
                throw e;
            }
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.close();
            } finally {
                Buffers.giveBack(raw);
            }
        }

        /** The first direct write failed: {@link #unwritten} holds every byte handed over since {@link #start}. */
        private static final class Refused extends IOException {
            final long start;
            final transient byte[] unwritten;

            Refused(long start, byte[] unwritten, IOException cause) {
                super(cause);
                this.start = start;
                this.unwritten = unwritten;
            }

            Refused andThen(byte[] more, int offset, int length) {
                byte[] all = java.util.Arrays.copyOf(unwritten, unwritten.length + length);
                System.arraycopy(more, offset, all, unwritten.length, length);
                return new Refused(start, all, (IOException) getCause());
            }
        }
    }
}
