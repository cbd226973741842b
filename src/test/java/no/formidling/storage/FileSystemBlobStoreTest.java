package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem store: the {@link BlobStoreContract}, and how it uses the disk (O_DIRECT, partial files, the sweeper). */
class FileSystemBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;
    FileSystemBlobStore store;

    @BeforeEach
    void setUp() throws IOException {
        store = new FileSystemBlobStore(root);
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    void assertNothingLeftOf(List<String> keys) throws IOException {
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).as("no partial files").isEmpty();
        }
    }

    @Override
    void assertOnlyTheCommittedBlocksRemain(String key, int committed) throws IOException {
        assertThat(blockFiles(root)).as("blocks are dropped by the commit").isEmpty();
    }

    @Override
    void assertNoStagedBlocks(String key) throws IOException {
        assertThat(blockFiles(root)).isEmpty();
    }

    @Override
    void assertDiscarded(String key) throws IOException {
        assertThat(blockFiles(root)).isEmpty();
        try (var all = Files.walk(root)) {
            assertThat(all.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.contains("blocks"));
        }
    }

    /** The files of staged blocks under {@code root}. */
    static List<Path> blockFiles(Path root) throws IOException {
        try (var all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().contains("blocks")).toList();
        }
    }

    @Test
    void largeBlobsWrittenPastThePageCacheComeBackWhole() throws IOException {
        Path disk = Files.createDirectories(Path.of("target", "direct-io-test")); // the project's folder is on a disk
        try {
            FileSystemBlobStore store = new FileSystemBlobStore(disk);
            // whole blocks; an odd tail; a tail of one block and a byte
            long[] sizes = {BlobFileWriter.DIRECT_FROM + 2 * DigestingCopier.CHUNK, BlobFileWriter.DIRECT_FROM + 3 * DigestingCopier.CHUNK + 5,
                    BlobFileWriter.DIRECT_FROM + DigestingCopier.CHUNK + 4097};
            for (long size : sizes) {
                byte[] bytes = randomBytes(size);
                String key = "big-" + size;
                BlobStore.StoredBlob stored = store.write(key, new ByteArrayInputStream(bytes), Long.MAX_VALUE);
                assertThat(stored.size()).isEqualTo(size);
                assertThat(stored.md5Hex()).isEqualTo(md5(bytes));
                assertThat(Files.readAllBytes(store.localFile(key).orElseThrow())).as("%d bytes", size).isEqualTo(bytes);
            }
            assertThat(writeThroughBlobFileWriter(disk, null)).as("went direct").isTrue();
            // A file system that opens for O_DIRECT but fails the first write: the writer goes on buffered, nothing lost.
            assertThat(writeThroughBlobFileWriter(disk, f -> {
                var refusing = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE);
                refusing.close();
                return refusing;
            })).as("went direct").isFalse();
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(disk);
        }
    }

    /** Writes a blob through a {@link BlobFileWriter} (the default O_DIRECT opener when null), checks the file, says whether it went direct. */
    private static boolean writeThroughBlobFileWriter(Path folder, BlobFileWriter.DirectOpener opener) throws IOException {
        byte[] bytes = randomBytes(BlobFileWriter.DIRECT_FROM + 2 * DigestingCopier.CHUNK + 10);
        Path file = Files.createFile(folder.resolve(UUID.randomUUID() + ".part"));
        boolean direct;
        try (var out = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE);
                BlobFileWriter writer = opener == null ? new BlobFileWriter(file, out) : new BlobFileWriter(file, out, opener)) {
            DigestingCopier.copy(new ByteArrayInputStream(bytes), Long.MAX_VALUE, writer::append);
            writer.finish();
            direct = writer.wentDirect();
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        return direct;
    }

    private static byte[] randomBytes(long size) {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void sweeperRemovesOnlyOldPartials() throws IOException {
        Files.createDirectories(root.resolve("ab"));
        Path old = Files.writeString(root.resolve("ab/abc.x.part"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = Files.writeString(root.resolve("ab/abd.y.part"), "y");
        Path blob = Files.writeString(root.resolve("ab/abe"), "z");
        Files.setLastModifiedTime(blob, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        assertThat(store.sweepPartials(Duration.ofDays(1))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(blob).exists();
    }

}
