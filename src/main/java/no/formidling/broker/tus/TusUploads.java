package no.formidling.broker.tus;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.broker.BrokerError;
import no.formidling.broker.ClaimResumableUpload;
import no.formidling.broker.CompleteFileUpload;
import no.formidling.broker.FailFileUpload;
import no.formidling.broker.FileTransfer;
import no.formidling.broker.FileTransferAccess;
import no.formidling.broker.FileTransferStatus;
import no.formidling.storage.BlobStore;
import no.formidling.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The TUS use cases. Every chunk is staged as a block in the blob store (forced to disk) before one short
 * transaction moves the offset past it, so an offset HEAD reports is always backed by stored bytes, on any node.
 * The last byte hands the transfer to the same completion as a single-request upload.
 */
@Service
class TusUploads {
    /** A PATCH is staged in blocks of at most this size: resume granularity for one long PATCH. */
    static final long MAX_BLOCK = 64L * 1024 * 1024;
    /** A PATCH without Content-Length is cut into blocks of this size in memory (a block store needs each length). */
    static final int UNSIZED_BLOCK = 4 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(TusUploads.class);

    private final TusUploadRepository uploads;
    private final FileTransferAccess access;
    private final ClaimResumableUpload claim;
    private final CompleteFileUpload complete;
    private final FailFileUpload fail;
    private final BlobStore blobs;
    private final UploadDigests digests;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration expiration;

    TusUploads(TusUploadRepository uploads, FileTransferAccess access, ClaimResumableUpload claim, CompleteFileUpload complete,
               FailFileUpload fail, BlobStore blobs, UploadDigests digests, TransactionTemplate tx, Clock clock,
               @Value("${formidling.broker.tus-upload-expiration:PT24H}") Duration expiration) {
        this.clock = clock;
        this.expiration = expiration;
        this.uploads = uploads;
        this.access = access;
        this.claim = claim;
        this.complete = complete;
        this.fail = fail;
        this.blobs = blobs;
        this.digests = digests;
        this.tx = tx;
    }

    /** POST: a whole-file upload (its id is the transfer's) or one part of a parallel upload (a new id). */
    TusUpload create(Caller caller, UUID transferId, long length, boolean partial) {
        return tx.execute(s -> {
            claim.handle(caller, transferId, length, () -> uploads.anyFor(transferId));
            UUID id = partial ? UUID.randomUUID() : transferId;
            if (!partial) {
                uploads.find(id).filter(u -> u.state() == TusUpload.State.COMPLETE).ifPresent(u -> {
                    throw BrokerError.ALREADY_UPLOADED.problem();
                });
            }
            uploads.createOrRestart(id, transferId, partial ? TusUpload.Kind.PARTIAL : TusUpload.Kind.WHOLE, length, 0, null);
            return uploads.find(id).orElseThrow();
        });
    }

    /** HEAD: where the upload stands. Finishes an upload whose last chunk was stored by a node that died right after. */
    TusUpload head(Caller caller, UUID transferId, UUID uploadId) {
        FileTransfer transfer = access.asSender(caller, transferId);
        TusUpload upload = existing(transferId, uploadId);
        if (upload.kind() != TusUpload.Kind.PARTIAL && upload.allBytesIn() && upload.state() == TusUpload.State.OPEN
                && transfer.status() == FileTransferStatus.UploadStarted) {
            complete(upload);
        }
        return upload;
    }

    /** PATCH: appends the body at {@code offset}; answers the new offset. */
    long append(Caller caller, UUID transferId, UUID uploadId, long offset, long contentLength, InputStream in) {
        FileTransfer transfer = access.asSender(caller, transferId);
        TusUpload upload = existing(transferId, uploadId);
        if (upload.kind() == TusUpload.Kind.FINAL) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "A final (concatenated) upload takes no PATCH; its parts do.");
        }
        if (upload.allBytesIn() && offset == upload.length() && contentLength <= 0) {
            // A retry of the last chunk after its answer was lost: nothing to add, answer as before.
            if (upload.kind() == TusUpload.Kind.WHOLE && upload.state() == TusUpload.State.OPEN
                    && transfer.status() == FileTransferStatus.UploadStarted) {
                complete(upload);
            }
            return upload.length();
        }
        if (transfer.status() != FileTransferStatus.UploadStarted || upload.state() != TusUpload.State.OPEN) {
            throw BrokerError.ALREADY_UPLOADED.problem();
        }
        if (offset != upload.offset()) {
            throw ApiProblem.of(HttpStatus.CONFLICT, "Upload-Offset " + offset + " does not match the upload's offset "
                    + upload.offset() + "; HEAD tells where to go on.");
        }
        if (contentLength >= 0 && offset + contentLength > upload.length()) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The chunk ends at " + (offset + contentLength)
                    + ", beyond Upload-Length " + upload.length() + ".");
        }
        UploadDigests.Running digest = upload.kind() == TusUpload.Kind.WHOLE ? digests.take(upload) : null;
        RequestBody body = new RequestBody(in, digest == null ? null : digest.md5());
        long at = offset;
        long end = contentLength >= 0 ? offset + contentLength : upload.length();
        byte[] buffer = contentLength >= 0 ? null : new byte[(int) Math.min(UNSIZED_BLOCK, Math.max(1, end - at))];
        UploadDigests.Running beforeBlock = null; // the digest as it was at the offset the upload stands at
        try {
            while (at < end) {
                beforeBlock = digest == null ? null : digest.copy().advancedTo(at);
                String blockId = newBlockId();
                long length;
                if (buffer == null) {
                    length = Math.min(MAX_BLOCK, end - at);
                    blobs.stageBlock(transfer.blobKey(), blockId, body.next(length), length);
                } else {
                    length = fill(body, buffer, (int) Math.min(buffer.length, end - at));
                    if (length == 0) {
                        beforeBlock = null;
                        break;
                    }
                    blobs.stageBlock(transfer.blobKey(), blockId, new ByteArrayInputStream(buffer, 0, (int) length), length);
                }
                long from = at;
                UUID digestId = digest == null ? null : digest.id();
                boolean advanced = Boolean.TRUE.equals(tx.execute(s -> uploads.advance(uploadId, from, blockId, length, digestId)));
                if (!advanced) {
                    beforeBlock = null; // another request stored these bytes: this digest is of no use any more
                    throw ApiProblem.of(HttpStatus.CONFLICT, "Another request moved this upload past offset " + from + "; HEAD tells where to go on.");
                }
                at += length;
                beforeBlock = null;
            }
            if (buffer != null && at == upload.length() && body.read() >= 0) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The body holds more bytes than Upload-Length " + upload.length()
                        + "; the bytes up to it were stored.");
            }
            if (digest != null) {
                digests.keep(uploadId, digest.advancedTo(at));
            }
        } catch (EOFException e) {
            throw endedEarly(at);
        } catch (IOException e) {
            if (body.readFailed()) {
                throw endedEarly(at);
            }
            log.warn("Storing a chunk of file transfer {} failed: {}", transferId, e.toString());
            throw BrokerError.UPLOAD_FAILED.problem();
        } finally {
            if (beforeBlock != null) {
                digests.keep(uploadId, beforeBlock); // a block that failed: the retry goes on from before it
            }
        }
        if (at == upload.length() && upload.kind() == TusUpload.Kind.WHOLE) {
            BrokerError rejected = complete(uploads.find(uploadId).orElseThrow());
            if (rejected != null) {
                throw rejected.problem();
            }
        }
        return at;
    }

    /** POST with {@code Upload-Concat: final;…}: joins complete parts, in the order given, into the transfer's file. */
    TusUpload concatenate(Caller caller, UUID transferId, List<UUID> partIds) {
        TusUpload upload = tx.execute(s -> {
            List<TusUpload> parts = new ArrayList<>();
            for (UUID partId : partIds) {
                TusUpload part = uploads.find(partId)
                        .filter(p -> p.fileTransferId().equals(transferId) && p.kind() == TusUpload.Kind.PARTIAL
                                && p.state() != TusUpload.State.TERMINATED)
                        .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No partial upload " + partId + " in file transfer " + transferId + "."));
                parts.add(part);
            }
            claim.handle(caller, transferId, parts.stream().mapToLong(TusUpload::length).sum(), () -> true);
            for (TusUpload part : parts) {
                if (!part.allBytesIn()) {
                    throw ApiProblem.of(HttpStatus.BAD_REQUEST, "Partial upload " + part.id() + " has " + part.offset() + " of "
                            + part.length() + " bytes; finish it before joining.");
                }
            }
            uploads.find(transferId).filter(u -> u.state() == TusUpload.State.COMPLETE).ifPresent(u -> {
                throw BrokerError.ALREADY_UPLOADED.problem();
            });
            long total = parts.stream().mapToLong(TusUpload::length).sum();
            uploads.createOrRestart(transferId, transferId, TusUpload.Kind.FINAL, total, total, partIds);
            return uploads.find(transferId).orElseThrow();
        });
        BrokerError rejected = complete(upload);
        if (rejected != null) {
            throw rejected.problem();
        }
        return uploads.find(transferId).orElseThrow();
    }

    /** DELETE: drops an unfinished upload and its stored blocks. */
    void terminate(Caller caller, UUID transferId, UUID uploadId) {
        FileTransfer transfer = access.asSender(caller, transferId);
        TusUpload upload = existing(transferId, uploadId);
        if (transfer.status() != FileTransferStatus.UploadStarted || upload.state() == TusUpload.State.COMPLETE) {
            throw BrokerError.ALREADY_UPLOADED.problem();
        }
        drop(upload);
    }

    /**
     * Commits the blocks as the transfer's blob and records the upload like a single-request one. Safe to repeat
     * after a crash at any point: the commit and the completion are both idempotent.
     */
    private BrokerError complete(TusUpload seen) {
        // One transaction around the join holds the completion lock: a HEAD on another node that finds the last
        // byte in while this node is still joining must not join the same blocks at the same time.
        return tx.execute(s -> {
            if (!uploads.tryLockForCompletion(seen.id())) {
                return null; // another node is completing it right now
            }
            TusUpload upload = uploads.find(seen.id()).orElseThrow();
            if (upload.state() != TusUpload.State.OPEN || !upload.allBytesIn()) {
                return null;
            }
            return join(upload);
        });
    }

    /** Joins the blocks and records the upload; runs inside {@link #complete}'s transaction. */
    private BrokerError join(TusUpload upload) {
        UUID transferId = upload.fileTransferId();
        String key = FileTransfer.blobKey(transferId);
        BlobStore.StoredBlob stored;
        try {
            List<String> blockIds = new ArrayList<>();
            if (upload.kind() == TusUpload.Kind.FINAL) {
                upload.parts().forEach(part -> blockIds.addAll(uploads.blockIds(part)));
            } else {
                blockIds.addAll(uploads.blockIds(upload.id()));
            }
            long size = blobs.commitBlockList(key, blockIds);
            if (size != upload.length()) {
                throw new IOException("Joined " + size + " bytes, expected " + upload.length());
            }
            // A joined upload's parts arrived side by side, and a whole upload's bytes may not all have passed this
            // node: then the MD5 is taken over the joined file.
            String md5 = upload.kind() == TusUpload.Kind.WHOLE ? digests.finish(upload) : null;
            if (md5 == null) {
                md5 = md5Of(key);
            }
            stored = new BlobStore.StoredBlob(size, md5);
        } catch (IOException | RuntimeException e) {
            log.warn("Completing the resumable upload of file transfer {} failed: {}", transferId, e.toString());
            fail.handle(transferId, FailFileUpload.UPLOAD_ABORTED);
            return BrokerError.UPLOAD_FAILED;
        }
        BrokerError rejected = complete.handle(transferId, stored);
        if (rejected != BrokerError.ALREADY_UPLOADED) {
            uploads.setState(upload.id(), TusUpload.State.COMPLETE);
            if (upload.parts() != null) {
                upload.parts().forEach(part -> uploads.setState(part, TusUpload.State.COMPLETE));
            }
        }
        return rejected;
    }

    private TusUpload existing(UUID transferId, UUID uploadId) {
        TusUpload upload = uploads.find(uploadId).filter(u -> u.fileTransferId().equals(transferId))
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No TUS upload " + uploadId + " in file transfer " + transferId
                        + "; create one with POST first."));
        if (upload.state() == TusUpload.State.TERMINATED) {
            throw ApiProblem.of(HttpStatus.GONE, "The upload was terminated.");
        }
        if (upload.state() == TusUpload.State.OPEN && !expiresAt(upload).isAfter(clock.instant())) {
            drop(upload);
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "The upload expired at " + expiresAt(upload) + " (" + expiration
                    + " after its last chunk); create a new one with POST.");
        }
        return upload;
    }

    /** When an open upload is gone: {@code formidling.broker.tus-upload-expiration} after its last change, as tusdotnet's sliding expiration. */
    Instant expiresAt(TusUpload upload) {
        return upload.updated().plus(expiration);
    }

    /** The expiry of an upload changed just now (created, or a chunk appended). */
    Instant expiresFromNow() {
        return clock.instant().plus(expiration);
    }

    /** Terminates the upload and, when no other upload of the transfer is open, drops the staged blocks. */
    private void drop(TusUpload upload) {
        boolean othersOpen = Boolean.TRUE.equals(tx.execute(s -> {
            uploads.terminate(upload.id());
            return uploads.anyOpenFor(upload.fileTransferId());
        }));
        if (!othersOpen) {
            try {
                blobs.discardBlocks(FileTransfer.blobKey(upload.fileTransferId()));
            } catch (IOException e) {
                log.warn("Could not discard the blocks of file transfer {}; the sweeper will: {}", upload.fileTransferId(), e.toString());
            }
        }
    }

    private String md5Of(String key) throws IOException {
        MessageDigest md5 = UploadDigests.newMd5();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = blobs.open(key)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static ApiProblem endedEarly(long storedUpTo) {
        return ApiProblem.of(HttpStatus.BAD_REQUEST, "The request body ended early; the upload holds the bytes up to offset "
                + storedUpTo + ".");
    }

    /** Random 16-byte ids: all of one blob's ids have the same length, as Azure requires, and never collide. */
    private static String newBlockId() {
        UUID u = UUID.randomUUID();
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }

    private static int fill(InputStream in, byte[] buffer, int max) throws IOException {
        int filled = 0;
        while (filled < max) {
            int n = in.read(buffer, filled, max - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }
}
