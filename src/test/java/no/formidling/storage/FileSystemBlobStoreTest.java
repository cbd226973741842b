package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {
    @TempDir
    Path root;

    @Test
    void writesAtomicallyWithSizeAndMd5AndReadsRanges() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = new byte[3 * 1024 * 1024 + 5];
        new Random(1).nextBytes(bytes);
        BlobStore.StoredBlob stored = store.write("abc-123", new ByteArrayInputStream(bytes), Long.MAX_VALUE);
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.md5Hex()).isEqualTo(md5(bytes));
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        store.read("abc-123", 10, 100, part);
        assertThat(part.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 110));
        store.delete("abc-123");
        store.delete("abc-123");
        assertThat(store.exists("abc-123")).isFalse();
    }

    @Test
    void tooLargeOrBrokenStreamsLeaveNothingBehind() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        assertThatThrownBy(() -> store.write("big", new ByteArrayInputStream(new byte[2000]), 1000))
                .isInstanceOf(BlobStore.BlobTooLargeException.class);
        assertThatThrownBy(() -> store.write("bigger", new ByteArrayInputStream(new byte[3 * DigestingCopier.CHUNK]), DigestingCopier.CHUNK))
                .isInstanceOf(BlobStore.BlobTooLargeException.class);
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 5000) {
                    throw new IOException("connection reset");
                }
                return 1;
            }
        };
        assertThatThrownBy(() -> store.write("broken", broken, Long.MAX_VALUE)).hasMessageContaining("connection reset");
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aFailingDiskFailsTheWriteInsteadOfHanging() {
        byte[] bytes = new byte[10 * DigestingCopier.CHUNK];
        int[] written = {0};
        assertThatThrownBy(() -> DigestingCopier.copy(new ByteArrayInputStream(bytes), Long.MAX_VALUE, (b, n) -> {
            if (++written[0] == 2) {
                throw new IOException("No space left on device");
            }
        })).isInstanceOf(IOException.class).hasMessageContaining("No space left");
    }

    @Test
    void emptyAndOddSizedStreamsAreCopiedWhole() throws IOException {
        for (int size : new int[] {0, 1, 65535, 65536, 65537, DigestingCopier.CHUNK, DigestingCopier.CHUNK + 1, 7 * DigestingCopier.CHUNK - 3}) {
            byte[] bytes = new byte[size];
            new Random(size).nextBytes(bytes);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BlobStore.StoredBlob stored = DigestingCopier.copy(new ByteArrayInputStream(bytes), Long.MAX_VALUE, (b, n) -> out.write(b, 0, n));
            assertThat(out.toByteArray()).as("size %d", size).isEqualTo(bytes);
            assertThat(stored.size()).isEqualTo(size);
            assertThat(stored.md5Hex()).isEqualTo(md5(bytes));
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
    void keysThatLookLikePathsAreRefused() {
        FileSystemBlobStore store = assertDoesNotThrow();
        assertThatThrownBy(() -> store.exists("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sweeperRemovesOnlyOldPartials() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
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

    private FileSystemBlobStore assertDoesNotThrow() {
        try {
            return new FileSystemBlobStore(root);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
