package no.formidling.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Blobs as files under a root folder, written to a temporary name, forced to disk and renamed atomically.
 * Staged blocks live in a {@code <key>.blocks} folder beside the blob ({@link StagedBlocks}).
 */
public class FileSystemBlobStore implements BlobStore {
    private static final String BLOCKS_SUFFIX = ".blocks";
    private static final String DISCARDED_SUFFIX = ".blocks-gone";
    private final Path root;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        Files.createDirectories(this.root);
    }

    @Override
    public StoredBlob write(String key, InputStream in, long maxBytes) throws IOException {
        return writeInPlace(path(key), (partial, out) -> {
            try (BlobFileWriter writer = new BlobFileWriter(partial, out)) {
                StoredBlob stored = DigestingCopier.copy(in, maxBytes, writer::append);
                writer.finish();
                return stored;
            }
        });
    }

    /** Fills a partial file beside {@code target}; what it holds the moment it is forced is what the file is. */
    @FunctionalInterface
    interface PartialWriter<T> {
        T write(Path partial, FileChannel out) throws IOException;
    }

    /**
     * Writes {@code target} all or nothing: into a new partial file, forced to disk, then renamed over it and the
     * folder forced; a failure leaves no partial file behind.
     */
    static <T> T writeInPlace(Path target, PartialWriter<T> writer) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        boolean done = false;
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            T result = writer.write(partial, out);
            out.force(true);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder(target.getParent());
            done = true;
            return result;
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

    @Override
    public void stageBlock(String key, String blockId, InputStream in, long length) throws IOException {
        new StagedBlocks(blocksFolder(key)).stage(blockFileName(blockId), in, length);
    }

    @Override
    public long commitBlockList(String key, List<String> blockIds) throws IOException {
        Path target = path(key);
        Path blocks = blocksFolder(key);
        List<String> names = blockIds.stream().map(FileSystemBlobStore::blockFileName).toList();
        long size = Files.isDirectory(blocks) || blockIds.isEmpty() || !Files.exists(target)
                ? new StagedBlocks(blocks).commit(names, target)
                : -1;
        if (size < 0) {
            size = Files.size(target); // committed before (a retry after a crash); the blocks went with that commit
        }
        discardBlocks(key);
        return size;
    }

    @Override
    public void discardBlocks(String key) throws IOException {
        Path blocks = blocksFolder(key);
        if (!Files.isDirectory(blocks)) {
            return;
        }
        // One atomic rename makes the blocks gone at once; a crash while deleting leaves only a folder the sweep removes.
        Path discarded = blocks.resolveSibling(key + "." + UUID.randomUUID() + DISCARDED_SUFFIX);
        try {
            Files.move(blocks, discarded, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.NoSuchFileException raced) {
            return;
        }
        deleteFolder(discarded);
    }

    /** Deletes partial files and discarded block folders left by uploads that died with the process; returns how many. */
    public int sweepPartials(Duration olderThan) throws IOException {
        Instant cutoff = Instant.now().minus(olderThan);
        List<Path> old = new ArrayList<>();
        try (var files = Files.walk(root, 3)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if ((name.endsWith(".part") || name.endsWith(DISCARDED_SUFFIX)) && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    old.add(p);
                }
            }
        }
        int removed = 0;
        for (Path p : old) {
            if (Files.isDirectory(p)) {
                deleteFolder(p);
            } else {
                Files.deleteIfExists(p);
            }
            removed++;
        }
        return removed;
    }

    private Path blocksFolder(String key) {
        Path blob = path(key);
        return blob.resolveSibling(blob.getFileName() + BLOCKS_SUFFIX);
    }

    /** Block ids are Base64 (as Azure's); the file name is the same bytes in the URL-safe alphabet. */
    private static String blockFileName(String blockId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(BlockIds.decode(blockId));
    }

    /** Makes a rename or a new file in the folder durable (the folder entry, not only the file's bytes). */
    static void forceFolder(Path folder) throws IOException {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open folders; the rename is still atomic there.
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // deleted meanwhile by a sweep or another node
        }
    }

    private Path path(String key) {
        if (!key.matches("[A-Za-z0-9._-]+") || key.startsWith(".")) {
            throw new IllegalArgumentException("Blob keys are generated ids, not paths: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key);
    }
}
