package no.formidling.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The Azure store's sink in the copy pipeline ({@link DigestingCopier}), for one write: gathers the arriving bytes into
 * blocks and stages up to {@code parallelBlocks} of them at once while the next one fills; at the end it commits the
 * block list once, with the MD5, so a reader never sees a half-written blob. A body under 64 KiB (most transfers), which
 * the copier hands over whole, goes as one Put Blob instead of a block and a commit.
 */
final class AzureBlockWriter implements DigestingCopier.Sink {
    /** Azure's limit on blocks in one block blob. */
    static final int MAX_BLOCKS = 50_000;
    private static final ExecutorService STAGERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "azure-block-stager");
        t.setDaemon(true);
        return t;
    });
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String key;
    private final BlockBlobClient blob;
    private final int blockSize;
    private final int parallelBlocks;
    private final BlockingQueue<byte[]> free;
    // Filled by the copier's writer thread; a failed copy may still be adding to it while abort() runs on the caller's.
    private final Deque<Future<?>> inFlight = new ConcurrentLinkedDeque<>();
    private final List<String> blockIds = new ArrayList<>();
    private final byte[] attempt = new byte[12];
    private byte[] whole;
    private byte[] block;
    private int filled;
    private int allocated;
    private boolean done;

    AzureBlockWriter(String key, BlockBlobClient blob, int blockSize, int parallelBlocks) {
        this.key = key;
        this.blob = blob;
        this.blockSize = blockSize;
        this.parallelBlocks = parallelBlocks;
        this.free = new ArrayBlockingQueue<>(parallelBlocks + 1);
        RANDOM.nextBytes(attempt);
    }

    @Override
    public void accept(byte[] bytes, int length) throws IOException {
        if (block == null && blockIds.isEmpty() && whole == null && length < DigestingCopier.FIRST_CHUNK) {
            whole = Arrays.copyOf(bytes, length); // the whole body, unless more follows after all
            return;
        }
        if (whole != null) {
            byte[] first = whole;
            whole = null;
            append(first, first.length);
        }
        append(bytes, length);
    }

    private void append(byte[] bytes, int length) throws IOException {
        int from = 0;
        while (from < length) {
            if (block == null) {
                block = nextBuffer();
                filled = 0;
            }
            int n = Math.min(length - from, block.length - filled);
            System.arraycopy(bytes, from, block, filled, n);
            filled += n;
            from += n;
            if (filled == block.length) {
                stageBlock();
            }
        }
    }

    /** Once the copy is done: stages the last block and commits the list, or puts a short body whole; both with the MD5. */
    void finish(BlobStore.StoredBlob stored) throws IOException {
        byte[] md5 = HexFormat.of().parseHex(stored.md5Hex());
        BlobHttpHeaders headers = new BlobHttpHeaders().setContentType("application/octet-stream").setContentMd5(md5);
        try {
            if (block == null && blockIds.isEmpty()) {
                byte[] body = whole == null ? new byte[0] : whole;
                blob.uploadWithResponse(new BlockBlobSimpleUploadOptions(new ByteArrayInputStream(body), body.length).setHeaders(headers),
                        null, Context.NONE);
            } else {
                if (filled > 0) {
                    stageBlock();
                }
                for (Future<?> staged : inFlight) {
                    staged.get();
                }
                blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blockIds).setHeaders(headers), null, Context.NONE);
            }
            done = true;
        } catch (InterruptedException e) {
            throw interrupted();
        } catch (ExecutionException e) {
            throw stagingFailure(e);
        } catch (RuntimeException e) {
            throw AzureFailures.of("Storing", key, e);
        }
    }

    /** Stops the stagings still going when the write failed; their blocks are never committed. */
    void abort() {
        if (!done) {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    private void stageBlock() throws IOException {
        if (blockIds.size() == MAX_BLOCKS) {
            throw new IOException("Blob " + key + " would need more than " + MAX_BLOCKS + " blocks of " + blockSize + " bytes");
        }
        String blockId = blockId(blockIds.size());
        blockIds.add(blockId);
        byte[] staged = block;
        int length = filled;
        inFlight.add(STAGERS.submit(() -> {
            blob.stageBlock(blockId, new ByteArrayInputStream(staged, 0, length), length);
            free.put(staged);
            return null;
        }));
        block = null;
        filled = 0;
    }

    /** A new buffer while fewer than {@code parallelBlocks + 1} exist, else one a staged block hands back. */
    private byte[] nextBuffer() throws IOException {
        if (allocated <= parallelBlocks) {
            allocated++;
            return new byte[blockSize];
        }
        try {
            while (true) {
                byte[] buffer = free.poll(100, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                for (Future<?> staged : inFlight) {
                    if (staged.isDone()) {
                        staged.get(); // fails at once when a staging has failed
                    }
                }
                inFlight.removeIf(Future::isDone);
            }
        } catch (InterruptedException e) {
            throw interrupted();
        } catch (ExecutionException e) {
            throw stagingFailure(e);
        }
    }

    private IOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("Interrupted while storing " + key);
    }

    private IOException stagingFailure(ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? AzureFailures.of("Storing", key, r)
                : e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }

    /**
     * Block ids of one blob must all have the same length: 16 bytes, as the resumable uploads' ids, so both kinds
     * can meet on one blob. 12 random bytes keep two writers' blocks apart, 4 count the block.
     */
    private String blockId(int index) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16).put(attempt).putInt(index).array());
    }
}
