package no.formidling.broker.tus;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.broker.BrokerError;
import no.formidling.broker.ClaimResumableUpload;
import no.formidling.broker.FileTransfer;
import no.formidling.broker.FileTransferAccess;
import no.formidling.broker.FileTransferStatus;
import no.formidling.storage.BlobStore;
import no.formidling.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private final TusCompletion completion;
    private final BlobStore blobs;
    private final UploadDigests digests;
    private final TransactionTemplate tx;
    private final TusExpiration expiry;

    TusUploads(TusUploadRepository uploads, FileTransferAccess access, ClaimResumableUpload claim, TusCompletion completion,
               BlobStore blobs, UploadDigests digests, TransactionTemplate tx, TusExpiration expiry) {
        this.expiry = expiry;
        this.uploads = uploads;
        this.access = access;
        this.claim = claim;
        this.completion = completion;
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
            completion.complete(upload);
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
                completion.complete(upload);
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
                    length = body.readNBytes(buffer, 0, (int) Math.min(buffer.length, end - at));
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
            BrokerError rejected = completion.complete(uploads.find(uploadId).orElseThrow());
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
        BrokerError rejected = completion.complete(upload);
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

    private TusUpload existing(UUID transferId, UUID uploadId) {
        TusUpload upload = uploads.find(uploadId).filter(u -> u.fileTransferId().equals(transferId))
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No TUS upload " + uploadId + " in file transfer " + transferId
                        + "; create one with POST first."));
        if (upload.state() == TusUpload.State.TERMINATED) {
            throw ApiProblem.of(HttpStatus.GONE, "The upload was terminated.");
        }
        if (expiry.hasExpired(upload)) {
            drop(upload);
            throw expiry.expired(upload);
        }
        return upload;
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

    private static ApiProblem endedEarly(long storedUpTo) {
        return ApiProblem.of(HttpStatus.BAD_REQUEST, "The request body ended early; the upload holds the bytes up to offset "
                + storedUpTo + ".");
    }

    /** Random 16-byte ids: all of one blob's ids have the same length, as Azure requires, and never collide. */
    private static String newBlockId() {
        UUID u = UUID.randomUUID();
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
    }
}
