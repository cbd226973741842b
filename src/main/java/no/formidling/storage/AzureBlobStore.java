package no.formidling.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DownloadRetryOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final int MAX_BLOCK_SIZE = 64 << 20;
    private final BlobServiceClient service;
    private final BlobServiceClient singleTry;
    private final BlobOwners owners;
    private final Settings settings;
    private final Map<String, BlobContainerClient> createdContainers = new ConcurrentHashMap<>();

    /**
     * @param blockSize      bytes per staged block
     * @param parallelBlocks blocks of one upload in flight to Azure at once (memory per upload is
     *                       {@code (parallelBlocks + 1) * blockSize}, and the copy pipeline's buffers)
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

    /**
     * @param service   for everything that can be sent again (the SDK retries it)
     * @param singleTry for request bodies read from a client's stream, which cannot be replayed: a retry would only
     *                  wait and fail, so a failure surfaces at once and the client sends the chunk again
     */
    AzureBlobStore(BlobServiceClient service, BlobServiceClient singleTry, BlobOwners owners, Settings settings) {
        this.service = service;
        this.singleTry = singleTry;
        this.owners = owners;
        this.settings = settings;
    }

    /** Connects with a connection string (Azurite, account keys) or, when it is blank, the endpoint and DefaultAzureCredential. */
    public static AzureBlobStore connect(String connectionString, String endpoint, BlobOwners owners, Settings settings) {
        return new AzureBlobStore(client(connectionString, endpoint, null), client(connectionString, endpoint,
                new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 1, (Integer) null, null, null, null)), owners, settings);
    }

    private static BlobServiceClient client(String connectionString, String endpoint, RequestRetryOptions retry) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (connectionString != null && !connectionString.isBlank()) {
            builder.connectionString(connectionString);
        } else if (endpoint != null && !endpoint.isBlank()) {
            builder.endpoint(endpoint).credential(new DefaultAzureCredentialBuilder().build());
        } else {
            throw new IllegalStateException("formidling.storage.type=azure needs formidling.storage.azure.connection-string "
                    + "or formidling.storage.azure.endpoint (with DefaultAzureCredential)");
        }
        if (retry != null) {
            builder.retryOptions(retry);
        }
        return builder.buildClient();
    }

    /** Streams through the copy pipeline into staged blocks ({@link AzureBlockWriter}), committed once at the end. */
    @Override
    public StoredBlob write(String key, InputStream in, long maxBytes) throws IOException {
        AzureBlockWriter blocks = new AzureBlockWriter(key, blob(key, true), blockSizeFor(maxBytes), settings.parallelBlocks());
        try {
            StoredBlob stored = DigestingCopier.copy(in, maxBytes, blocks);
            blocks.finish(stored);
            return stored;
        } finally {
            blocks.abort();
        }
    }

    /**
     * The configured block size, larger when the limit could not otherwise fit Azure's 50,000 blocks. A limit
     * beyond what 64 MiB blocks can hold means "unbounded": the configured size, and a clear error at block
     * 50,001, rather than 64 MiB buffers for every upload.
     */
    int blockSizeFor(long maxBytes) {
        long needed = maxBytes / AzureBlockWriter.MAX_BLOCKS + (maxBytes % AzureBlockWriter.MAX_BLOCKS == 0 ? 0 : 1);
        if (needed <= settings.blockSize() || needed > MAX_BLOCK_SIZE) {
            return settings.blockSize();
        }
        long mib = (needed + (1 << 20) - 1) >> 20;
        return (int) Math.min(mib << 20, MAX_BLOCK_SIZE);
    }

    @Override
    public void read(String key, long offset, long length, OutputStream out) throws IOException {
        BlockBlobClient blob = blob(key, false);
        try {
            blob.downloadStreamWithResponse(out, new BlobRange(offset, length),
                    new DownloadRetryOptions().setMaxRetryRequests(5), null, false, null, Context.NONE);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            throw AzureFailures.of("Reading", key, e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        BlockBlobClient blob = blob(key, false);
        try {
            return blob.openInputStream(new BlobInputStreamOptions().setBlockSize(settings.blockSize()));
        } catch (RuntimeException e) {
            throw AzureFailures.of("Opening", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        BlockBlobClient blob = blob(key, false);
        try {
            blob.deleteIfExists();
        } catch (RuntimeException e) {
            throw AzureFailures.of("Deleting", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        BlockBlobClient blob = blob(key, false);
        try {
            return blob.exists();
        } catch (RuntimeException e) {
            throw AzureFailures.of("Checking", key, e);
        }
    }

    @Override
    public void stageBlock(String key, String blockId, InputStream in, long length) throws IOException {
        BlockIds.decode(blockId);
        blob(key, true);
        BlockBlobClient blob = singleTry.getBlobContainerClient(containerFor(key)).getBlobClient(key).getBlockBlobClient();
        ExactLengthStream body = new ExactLengthStream(in, length);
        try {
            // The SDK reads the body in pieces as the request goes out: never held whole.
            blob.stageBlock(blockId, body, length);
        } catch (RuntimeException e) {
            if (body.endedEarly) {
                throw new EOFException("Block " + blockId + " of " + key + " ended " + (length - body.taken) + " bytes early");
            }
            throw AzureFailures.of("Staging a block of", key, e);
        }
    }

    @Override
    public long commitBlockList(String key, List<String> blockIds) throws IOException {
        BlockBlobClient blob = blob(key, true);
        try {
            blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blockIds)
                    .setHeaders(new BlobHttpHeaders().setContentType("application/octet-stream")), null, Context.NONE);
            return blob.getProperties().getBlobSize();
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.INVALID_BLOCK_LIST) {
                FileNotFoundException missing = new FileNotFoundException("A listed block of " + key + " was never staged");
                missing.initCause(e);
                throw missing;
            }
            throw AzureFailures.of("Committing", key, e);
        } catch (RuntimeException e) {
            throw AzureFailures.of("Committing", key, e);
        }
    }

    /**
     * Azure has no call that drops uncommitted blocks; a commit does (it drops every block it does not list). When
     * no blob is committed yet, an empty commit made only if none exists, then its deletion, drops them now; a
     * committed blob is left alone and its stray blocks go with the next commit or after Azure's seven days.
     */
    @Override
    public void discardBlocks(String key) throws IOException {
        BlockBlobClient blob = blob(key, false);
        try {
            var committed = blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(List.of())
                    .setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
            blob.deleteWithResponse(null, new BlobRequestConditions().setIfMatch(committed.getValue().getETag()), null, Context.NONE);
        } catch (BlobStorageException e) {
            int status = e.getStatusCode();
            if (status == 404 || status == 409 || status == 412) {
                return; // no container, a committed blob, or one committed meanwhile: nothing of ours to drop
            }
            throw AzureFailures.of("Discarding the blocks of", key, e);
        } catch (RuntimeException e) {
            throw AzureFailures.of("Discarding the blocks of", key, e);
        }
    }

    /** The container holding {@code key}: its owner's, or the default one for keys without an owner. */
    String containerFor(String key) {
        return owners.ownerOf(key).map(owner -> containerName(settings.containerPrefix() + owner)).orElse(settings.defaultContainer());
    }

    /** Checks the key (an argument error, as the filesystem store's) and finds its blob, creating the container for writes. */
    private BlockBlobClient blob(String key, boolean createContainer) throws IOException {
        if (!key.matches("[A-Za-z0-9._-]+") || key.startsWith(".")) {
            throw new IllegalArgumentException("Blob keys are generated ids, not paths: " + key);
        }
        try {
            String name = containerFor(key);
            BlobContainerClient container = createContainer
                    ? createdContainers.computeIfAbsent(name, c -> {
                        BlobContainerClient client = service.getBlobContainerClient(c);
                        client.createIfNotExists();
                        return client;
                    })
                    : service.getBlobContainerClient(name);
            return container.getBlobClient(key).getBlockBlobClient();
        } catch (RuntimeException e) {
            throw AzureFailures.of("Finding the container of", key, e);
        }
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
}
