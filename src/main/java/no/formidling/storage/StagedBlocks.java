package no.formidling.storage;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The staged blocks of one blob, in its {@code <key>.blocks} folder. Blocks are appended to a stream file
 * ({@code <id>.stream}) and each gets an empty marker file whose name says where it lies:
 * {@code <block>.<stream id>.<offset>.<length>.at}. A resumable upload stages its chunks one after another, so they
 * end up back to back in one stream file, and the commit renames that file into the blob instead of copying every
 * byte a second time. Blocks listed in another order, or spread over several streams (parallel partial uploads), are
 * copied into the blob as before.
 *
 * <p>Writers of one stream take turns through an exclusive lock on its file, which holds across nodes sharing the
 * folder; a writer that finds every stream locked starts its own. A stream's name is never used again, so a writer
 * that holds a stream's lock and still finds its name in the folder writes to that very file, and not to one a commit
 * has meanwhile renamed into a blob. Bytes beyond the last marker (a writer that failed or died mid-block) are cut off
 * by the next writer and by the commit. Block files staged by earlier versions ({@code <block>}, the bytes
 * themselves) are still committed.
 */
final class StagedBlocks {
    private static final String STREAM_SUFFIX = ".stream";
    private static final String MARKER_SUFFIX = ".at";
    private static final int BUFFER = 1 << 20;
    private final Path folder;

    /** Where one block's bytes are: a range of a stream file, or (staged by an earlier version) a file of its own. */
    private record Location(Path file, long offset, long length, String marker) {
        long end() {
            return offset + length;
        }
    }

    StagedBlocks(Path folder) {
        this.folder = folder;
    }

    /** Appends the block to a free stream and marks it; on failure nothing of it counts. */
    void stage(String block, InputStream in, long length) throws IOException {
        Files.createDirectories(folder);
        try (Stream stream = Stream.take(folder)) {
            Map<String, Location> staged = markers();
            long start = 0;
            for (Location l : staged.values()) {
                if (l.file().equals(stream.file)) {
                    start = Math.max(start, l.end());
                }
            }
            if (stream.channel.size() < start) {
                throw new IOException("Stream " + stream.file + " is shorter than its marked blocks");
            }
            stream.channel.truncate(start); // what a failed or dead writer left after the last marked block
            boolean marked = false;
            try {
                append(stream, start, in, length, block);
                stream.channel.force(true);
                Location old = staged.get(block);
                if (old != null && old.marker() != null) {
                    Files.deleteIfExists(folder.resolve(old.marker())); // a block staged again replaces the earlier one
                }
                Files.createFile(folder.resolve(block + "." + stream.id() + "." + start + "." + length + MARKER_SUFFIX));
                marked = true;
            } finally {
                if (!marked && start == 0) {
                    Files.deleteIfExists(stream.file); // it holds no marked block: drop it rather than leave an empty stream
                } else if (!marked) {
                    stream.channel.truncate(start);
                }
            }
            FileSystemBlobStore.forceFolder(folder);
        }
    }

    private static void append(Stream stream, long start, InputStream in, long length, String block) throws IOException {
        // Large blocks at an aligned offset go past the page cache, as whole blobs do (BlobFileWriter); the next bytes
        // are read while the last ones are written.
        try (BlobFileWriter writer = new BlobFileWriter(stream.file, stream.channel, start, length >= BUFFER ? start : Long.MAX_VALUE)) {
            long copied = DigestingCopier.copyUndigested(new ExactLengthStream(in, length), length, writer::append);
            if (copied < length) {
                throw new EOFException("Block " + block + " ended " + (length - copied) + " bytes early");
            }
            writer.finish();
        }
    }

    /**
     * Writes the listed blocks, in that order, as the file {@code target}; returns its size, or -1 when a listed
     * block's stream is gone because a commit already made it the blob (a retry after a crash).
     */
    long commit(List<String> blocks, Path target) throws IOException {
        Map<String, Location> all = markers();
        List<Location> listed = new ArrayList<>(blocks.size());
        for (String block : blocks) {
            Location l = all.get(block);
            if (l == null) {
                throw new FileNotFoundException("Block " + block + " of " + folder.getFileName() + " was never staged");
            }
            if (!Files.exists(l.file())) {
                return -1;
            }
            listed.add(l);
        }
        if (backToBackInOneStream(listed)) {
            Files.createDirectories(target.getParent());
            Location last = listed.get(listed.size() - 1);
            try (Stream stream = Stream.lock(last.file(), true)) {
                if (stream != null) {
                    stream.channel.truncate(last.end());
                    stream.channel.force(true);
                    Files.move(stream.file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    FileSystemBlobStore.forceFolder(target.getParent());
                    return last.end();
                }
            }
            return -1; // renamed by a commit that ran meanwhile
        }
        return copy(listed, target);
    }

    private static boolean backToBackInOneStream(List<Location> listed) {
        long next = 0;
        for (Location l : listed) {
            if (l.marker() == null || !l.file().equals(listed.get(0).file()) || l.offset() != next) {
                return false;
            }
            next = l.end();
        }
        return !listed.isEmpty();
    }

    private static long copy(List<Location> listed, Path target) throws IOException {
        return FileSystemBlobStore.writeInPlace(target, (partial, out) -> {
            long size = 0;
            for (Location l : listed) {
                try (FileChannel in = FileChannel.open(l.file(), StandardOpenOption.READ)) {
                    long copied = 0;
                    while (copied < l.length()) {
                        long n = in.transferTo(l.offset() + copied, l.length() - copied, out);
                        if (n <= 0) {
                            throw new EOFException("Staged block in " + l.file().getFileName() + " ends early");
                        }
                        copied += n;
                    }
                    size += l.length();
                }
            }
            return size;
        });
    }

    /** Every staged block by its name: markers first, else a block file of an earlier version. */
    private Map<String, Location> markers() throws IOException {
        Map<String, Location> found = new HashMap<>();
        List<Path> legacy = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(MARKER_SUFFIX)) {
                    String[] part = name.substring(0, name.length() - MARKER_SUFFIX.length()).split("\\.");
                    if (part.length == 4) {
                        found.put(part[0], new Location(folder.resolve(part[1] + STREAM_SUFFIX), Long.parseLong(part[2]), Long.parseLong(part[3]), name));
                    }
                } else if (name.indexOf('.') < 0) {
                    legacy.add(p);
                }
            }
        } catch (NoSuchFileException none) {
            return found;
        }
        for (Path p : legacy) {
            found.putIfAbsent(p.getFileName().toString(), new Location(p, 0, Files.size(p), null));
        }
        return found;
    }

    /** A stream file held under its exclusive lock; closing releases both. */
    private static final class Stream implements AutoCloseable {
        final Path file;
        final FileChannel channel;

        private Stream(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        String id() {
            String name = file.getFileName().toString();
            return name.substring(0, name.length() - STREAM_SUFFIX.length());
        }

        /** The first stream of the folder no one is writing to, or a new one. */
        static Stream take(Path folder) throws IOException {
            while (true) {
                List<Path> streams;
                try (var files = Files.list(folder)) {
                    streams = files.filter(p -> p.getFileName().toString().endsWith(STREAM_SUFFIX)).sorted().toList();
                }
                for (Path p : streams) {
                    Stream s = lock(p, false);
                    if (s != null) {
                        return s;
                    }
                }
                Path fresh = folder.resolve(UUID.randomUUID().toString().replace("-", "") + STREAM_SUFFIX);
                FileChannel channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Stream s = lockOrNull(fresh, channel, false);
                if (s != null) {
                    return s;
                }
                // another writer found the new stream and took it first; look again
            }
        }

        /** The stream under its lock, waiting for it if asked; null when it is taken (not waiting) or its file is gone. */
        static Stream lock(Path file, boolean wait) throws IOException {
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException gone) {
                return null;
            }
            return lockOrNull(file, channel, wait);
        }

        /** Locks the channel (waiting if asked) and checks the name still leads to it; else closes it and returns null. */
        private static Stream lockOrNull(Path file, FileChannel channel, boolean wait) throws IOException {
            boolean kept = false;
            try {
                FileLock lock = null;
                while (lock == null) {
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException sameJvm) {
                        lock = null; // another thread of this server holds it
                    }
                    if (lock == null) {
                        if (!wait) {
                            return null;
                        }
                        pause();
                    }
                }
                // Names are never reused, so if the name is still there it is this file, and no commit can rename it now.
                kept = Files.exists(file);
                return kept ? new Stream(file, channel) : null;
            } finally {
                if (!kept) {
                    channel.close();
                }
            }
        }

        private static void pause() throws InterruptedIOException {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for a staged stream");
            }
        }

        @Override
        public void close() throws IOException {
            channel.close(); // releases the lock
        }
    }
}
