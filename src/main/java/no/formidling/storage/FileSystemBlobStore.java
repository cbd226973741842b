package no.formidling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Blobs as files under a root folder, written to a temporary name, forced to disk and renamed atomically. */
public class FileSystemBlobStore implements BlobStore {
    private final Path root;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        Files.createDirectories(this.root);
    }

    @Override
    public StoredBlob write(String key, InputStream in, long maxBytes) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        boolean done = false;
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            StoredBlob stored = DigestingCopier.copy(in, maxBytes, (buffer, length) -> {
                ByteBuffer bb = ByteBuffer.wrap(buffer, 0, length);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
            });
            out.force(true);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            return stored;
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
    }

    @Override
    public void read(String key, long offset, long length, OutputStream out) throws IOException {
        try (FileChannel in = FileChannel.open(path(key), StandardOpenOption.READ)) {
            var sink = Channels.newChannel(out);
            long position = offset;
            long remaining = length;
            while (remaining > 0) {
                long sent = in.transferTo(position, remaining, sink);
                if (sent <= 0) {
                    throw new IOException("Blob " + key + " ended early");
                }
                position += sent;
                remaining -= sent;
            }
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(path(key));
    }

    @Override
    public Optional<Path> localFile(String key) {
        Path p = path(key);
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    /** Deletes partial files left by uploads that died with the process; returns how many. */
    public int sweepPartials(Duration olderThan) throws IOException {
        Instant cutoff = Instant.now().minus(olderThan);
        int removed = 0;
        try (var files = Files.walk(root, 2)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(".part") && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    private Path path(String key) {
        if (!key.matches("[A-Za-z0-9._-]+") || key.startsWith(".")) {
            throw new IllegalArgumentException("Blob keys are generated ids, not paths: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key);
    }
}
