package no.formidling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the filesystem store keeps staged blocks: one stream file renamed into the blob, cut-off leftovers, parallel
 * writers, the sweeper. What every store does with blocks is in {@link BlobStoreContract}.
 */
class FileSystemBlobStoreBlocksTest {
    @TempDir
    Path root;

    @Test
    void sweeperRemovesOldLeftoversOfStagingAndDiscarding() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        store.stageBlock("upload-9", id(0), new ByteArrayInputStream(bytes("keep")), 4);
        Path blocks = root.resolve("up/upload-9.blocks");
        Path staleStage = Files.writeString(blocks.resolve("AAAAAQ.0c8e.part"), "half");
        Path staleDiscard = Files.createDirectories(root.resolve("up/upload-x.1234.blocks-gone"));
        Files.writeString(staleDiscard.resolve("AAAAAA"), "gone");
        for (Path p : List.of(staleStage, staleDiscard)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        }
        try (var staged = Files.list(blocks)) {
            for (Path p : staged.filter(p -> !p.equals(staleStage)).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            }
        }

        assertThat(store.sweepPartials(Duration.ofDays(1))).isEqualTo(2);

        assertThat(staleStage).doesNotExist();
        assertThat(staleDiscard).doesNotExist();
        store.commitBlockList("upload-9", List.of(id(0)));
        assertThat(new String(readAll(store, "upload-9"))).isEqualTo("keep");
    }

    @Test
    void blocksStagedOneAfterAnotherBecomeTheBlobWithoutASecondCopy() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = random(3 * 1024 * 1024 + 5, 2);
        int[] cuts = {0, 1024 * 1024, 2 * 1024 * 1024 + 3, bytes.length};
        for (int i = 0; i < cuts.length - 1; i++) {
            store.stageBlock("upload-10", id(i), slice(bytes, cuts[i], cuts[i + 1]), cuts[i + 1] - cuts[i]);
        }
        List<Path> streams = filesEndingWith(".stream");
        assertThat(streams).as("one upload after another writes one stream").hasSize(1);
        Object stream = Files.readAttributes(streams.get(0), BasicFileAttributes.class).fileKey();

        assertThat(store.commitBlockList("upload-10", List.of(id(0), id(1), id(2)))).isEqualTo(bytes.length);

        Path blob = store.localFile("upload-10").orElseThrow();
        assertThat(Files.readAttributes(blob, BasicFileAttributes.class).fileKey()).as("the stream was renamed, not copied").isEqualTo(stream);
        assertThat(readAll(store, "upload-10")).isEqualTo(bytes);
        assertThat(blockFiles()).isEmpty();
    }

    @Test
    void bytesADeadWriterLeftBehindAreCutOffBeforeTheNextBlock() throws IOException {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        store.stageBlock("upload-11", id(0), new ByteArrayInputStream(bytes("first ")), 6);
        Path stream = filesEndingWith(".stream").get(0);
        Files.write(stream, bytes("half a block from a writer that died"), StandardOpenOption.APPEND);
        store.stageBlock("upload-11", id(1), new ByteArrayInputStream(bytes("second")), 6);
        Object streamFile = Files.readAttributes(stream, BasicFileAttributes.class).fileKey();

        store.commitBlockList("upload-11", List.of(id(0), id(1)));

        assertThat(new String(readAll(store, "upload-11"))).isEqualTo("first second");
        assertThat(Files.readAttributes(store.localFile("upload-11").orElseThrow(), BasicFileAttributes.class).fileKey())
                .as("still back to back, so still renamed").isEqualTo(streamFile);
    }

    @Test
    void blocksStagedAtOnceByParallelWritersCommitInListedOrder() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = random(8 * 300_001, 3);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> staged = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int block = i;
                staged.add(writers.submit(() -> {
                    store.stageBlock("upload-12", id(block), slice(bytes, block * 300_001, (block + 1) * 300_001), 300_001);
                    return null;
                }));
            }
            for (Future<?> f : staged) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }

        store.commitBlockList("upload-12", List.of(id(0), id(1), id(2), id(3), id(4), id(5), id(6), id(7)));

        assertThat(readAll(store, "upload-12")).isEqualTo(bytes);
    }

    @Test
    void writersStillStagingWhileACommitRunsNeverChangeTheCommittedBlob() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = random(4 * 65_536, 4);
        for (int i = 0; i < 4; i++) {
            store.stageBlock("upload-13", id(i), slice(bytes, i * 65_536, (i + 1) * 65_536), 65_536);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger tries = new AtomicInteger();
        ExecutorService stale = Executors.newFixedThreadPool(3);
        try {
            for (int w = 0; w < 3; w++) {
                int writer = w;
                stale.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        try {
                            store.stageBlock("upload-13", id(100 + writer * 100_000 + n), new ByteArrayInputStream(new byte[4096]), 4096);
                        } catch (IOException | RuntimeException e) {
                            // the folder went away with the commit; a late request fails, which is all it may do
                        }
                        tries.incrementAndGet();
                    }
                });
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> tries.get() >= 3); // the writers are staging
            store.commitBlockList("upload-13", List.of(id(0), id(1), id(2), id(3)));
            int atCommit = tries.get();
            await().atMost(Duration.ofMinutes(1)).until(() -> tries.get() >= atCommit + 3); // and go on after the commit
        } finally {
            stop.set(true);
            stale.shutdown();
            assertThat(stale.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(readAll(store, "upload-13")).isEqualTo(bytes);
    }

    /** Fixed-length ids, as Azure requires for one blob. */
    private static String id(int n) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt(n).array());
    }

    private List<Path> blockFiles() throws IOException {
        return FileSystemBlobStoreTest.blockFiles(root);
    }

    private List<Path> filesEndingWith(String suffix) throws IOException {
        try (var all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static byte[] readAll(BlobStore store, String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    private static InputStream slice(byte[] bytes, int from, int to) {
        return new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, to));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
