package no.formidling.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DownloadRetryOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Blobs in Azure Blob Storage, a container per service owner (upstream gives each service owner a storage
 * account of its own; one account with a container each keeps them as apart for a self-hosted server).
 *
 * <p>Writes stream the body as staged blocks and commit the block list once at the end, so a reader never
 * sees a half-written blob and a failed write leaves nothing committed. Blocks staged by a failed write
 * are never committed and Azure discards uncommitted blocks by itself (after seven days, or at the next
 * commit on the same blob), so there is nothing for a sweeper to do here.
 */
public class AzureBlobStore implements BlobStore {
    /** Azure's limit on blocks in one block blob. */
    static final int MAX_BLOCKS = 50_000;
    private static final int FIRST_READ = 64 * 1024;
    private static final int MAX_BLOCK_SIZE = 64 << 20;
    private static final ExecutorService STAGERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "azure-block-stager");
        t.setDaemon(true);
        return t;
    });

    private final BlobServiceClient service;
    private final BlobOwners owners;
    private final Settings settings;
    private final Map<String, BlobContainerClient> createdContainers = new ConcurrentHashMap<>();

    /**
     * @param blockSize      bytes per staged block
     * @param parallelBlocks blocks of one upload in flight to Azure at once (memory per upload is
     *                       {@code (parallelBlocks + 1) * blockSize})
     */
    public record Settings(int blockSize, int parallelBlocks, String containerPrefix, String defaultContainer) {
        public Settings {
            if (blockSize < 1 << 20 || blockSize > MAX_BLOCK_SIZE) {
                throw new IllegalArgumentException("Azure block size must be between 1 MiB and 64 MiB, was " + blockSize);
            }
            if (parallelBlocks < 1) {
                throw new IllegalArgumentException("At least one block must be in flight");
            }
            containerName(containerPrefix + "x");
            containerName(defaultContainer);
        }
    }

    public AzureBlobStore(BlobServiceClient service, BlobOwners owners, Settings settings) {
        this.service = service;
        this.owners = owners;
        this.settings = settings;
    }

    @Override
    public StoredBlob write(String key, InputStream in, long maxBytes) throws IOException {
        BlockBlobClient blob = blob(key, true);
        MessageDigest md5 = md5();
        byte[] first = new byte[FIRST_READ];
        int n = fill(in, first, 0);
        if (n < FIRST_READ) {
            // Most transfers are small: one Put Blob instead of a block and a commit.
            int size = Math.max(n, 0);
            if (size > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            md5.update(first, 0, size);
            byte[] digest = md5.digest();
            try {
                blob.uploadWithResponse(new BlockBlobSimpleUploadOptions(new ByteArrayInputStream(first, 0, size), size)
                        .setHeaders(headers(digest)), null, Context.NONE);
            } catch (RuntimeException e) {
                throw failure("Storing", key, e);
            }
            return new StoredBlob(size, HexFormat.of().formatHex(digest));
        }
        return writeBlocks(key, blob, first, in, maxBytes, md5);
    }

    /**
     * Reads a block on the caller's thread while up to {@code parallelBlocks} earlier blocks are staged by
     * other threads; commits the list once every block is in.
     */
    private StoredBlob writeBlocks(String key, BlockBlobClient blob, byte[] first, InputStream in, long maxBytes, MessageDigest md5)
            throws IOException {
        int blockSize = blockSizeFor(maxBytes);
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(settings.parallelBlocks() + 1);
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        List<String> blockIds = new ArrayList<>();
        String attempt = UUID.randomUUID().toString().replace("-", "");
        long total = 0;
        boolean done = false;
        try {
            byte[] buffer = new byte[blockSize];
            System.arraycopy(first, 0, buffer, 0, first.length);
            int filled = first.length;
            int allocated = 1;
            while (true) {
                int n = fill(in, buffer, filled);
                if (n <= 0) {
                    break;
                }
                total += n;
                if (total > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                if (blockIds.size() == MAX_BLOCKS) {
                    throw new IOException("Blob " + key + " would need more than " + MAX_BLOCKS + " blocks of " + blockSize + " bytes");
                }
                md5.update(buffer, 0, n);
                String blockId = blockId(attempt, blockIds.size());
                blockIds.add(blockId);
                byte[] block = buffer;
                int length = n;
                inFlight.add(STAGERS.submit(() -> {
                    blob.stageBlock(blockId, new ByteArrayInputStream(block, 0, length), length);
                    free.put(block);
                    return null;
                }));
                if (n < blockSize) {
                    break;
                }
                filled = 0;
                if (allocated <= settings.parallelBlocks()) {
                    buffer = new byte[blockSize];
                    allocated++;
                } else {
                    buffer = takeFree(free, inFlight);
                }
            }
            for (Future<?> staged : inFlight) {
                staged.get();
            }
            byte[] digest = md5.digest();
            blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blockIds).setHeaders(headers(digest)), null, Context.NONE);
            done = true;
            return new StoredBlob(total, HexFormat.of().formatHex(digest));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while storing " + key);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? failure("Storing", key, r)
                    : e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (RuntimeException e) {
            throw failure("Storing", key, e);
        } finally {
            if (!done) {
                inFlight.forEach(f -> f.cancel(true));
            }
        }
    }

    /** Waits for a staged block to hand its buffer back, failing at once when a staging has failed. */
    private static byte[] takeFree(BlockingQueue<byte[]> free, Deque<Future<?>> inFlight) throws InterruptedException, ExecutionException {
        while (true) {
            byte[] buffer = free.poll(100, TimeUnit.MILLISECONDS);
            if (buffer != null) {
                return buffer;
            }
            for (Future<?> staged : inFlight) {
                if (staged.isDone()) {
                    staged.get();
                }
            }
            inFlight.removeIf(Future::isDone);
        }
    }

    /**
     * The configured block size, larger when the limit could not otherwise fit Azure's 50,000 blocks. A limit
     * beyond what 64 MiB blocks can hold means "unbounded": the configured size, and a clear error at block
     * 50,001, rather than 64 MiB buffers for every upload.
     */
    int blockSizeFor(long maxBytes) {
        long needed = maxBytes / MAX_BLOCKS + (maxBytes % MAX_BLOCKS == 0 ? 0 : 1);
        if (needed <= settings.blockSize() || needed > MAX_BLOCK_SIZE) {
            return settings.blockSize();
        }
        long mib = (needed + (1 << 20) - 1) >> 20;
        return (int) Math.min(mib << 20, MAX_BLOCK_SIZE);
    }

    @Override
    public void read(String key, long offset, long length, OutputStream out) throws IOException {
        try {
            blob(key, false).downloadStreamWithResponse(out, new BlobRange(offset, length),
                    new DownloadRetryOptions().setMaxRetryRequests(5), null, false, null, Context.NONE);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            throw failure("Reading", key, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return blob(key, false).openInputStream(new BlobInputStreamOptions().setBlockSize(settings.blockSize()));
        } catch (RuntimeException e) {
            throw failure("Opening", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            blob(key, false).deleteIfExists();
        } catch (RuntimeException e) {
            throw failure("Deleting", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            return blob(key, false).exists();
        } catch (RuntimeException e) {
            throw failure("Checking", key, e);
        }
    }

    /** The container holding {@code key}: its owner's, or the default one for keys without an owner. */
    String containerFor(String key) {
        return owners.ownerOf(key).map(owner -> containerName(settings.containerPrefix() + owner)).orElse(settings.defaultContainer());
    }

    private BlockBlobClient blob(String key, boolean createContainer) {
        if (!key.matches("[A-Za-z0-9._-]+") || key.startsWith(".")) {
            throw new IllegalArgumentException("Blob keys are generated ids, not paths: " + key);
        }
        String name = containerFor(key);
        BlobContainerClient container = createContainer
                ? createdContainers.computeIfAbsent(name, c -> {
                    BlobContainerClient client = service.getBlobContainerClient(c);
                    client.createIfNotExists();
                    return client;
                })
                : service.getBlobContainerClient(name);
        return container.getBlobClient(key).getBlockBlobClient();
    }

    /** A valid container name (3-63 of a-z, 0-9 and single hyphens, starting and ending with a letter or digit). */
    static String containerName(String wanted) {
        String name = wanted.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        if (name.length() > 63) {
            name = name.substring(0, 63).replaceAll("-$", "");
        }
        if (name.length() < 3) {
            throw new IllegalArgumentException("Not usable as an Azure container name: " + wanted);
        }
        return name;
    }

    /** Block ids of one blob must all have the same length; the attempt id keeps two writers' blocks apart. */
    private static String blockId(String attempt, int index) {
        return Base64.getEncoder().encodeToString(String.format("%s-%06d", attempt, index).getBytes(StandardCharsets.US_ASCII));
    }

    private static BlobHttpHeaders headers(byte[] md5) {
        return new BlobHttpHeaders().setContentType("application/octet-stream").setContentMd5(md5);
    }

    private static IOException failure(String doing, String key, RuntimeException e) {
        if (e instanceof BlobStorageException s && s.getStatusCode() == 404) {
            NoSuchFileException missing = new NoSuchFileException(key, null, s.getErrorCode() == null ? "not found" : s.getErrorCode().toString());
            missing.initCause(e);
            return missing;
        }
        if (e instanceof UncheckedIOException u) {
            return u.getCause();
        }
        return new IOException(doing + " blob " + key + " in Azure failed: " + e.getMessage(), e);
    }

    /** Reads until the buffer is full from {@code from} on or the stream ends; returns the bytes in the buffer, -1 when none. */
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
