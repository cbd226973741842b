package no.formidling.broker.tus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One TUS upload resource as stored: a whole file, one part of a parallel upload, or the final join of parts.
 * {@code md5Digest} names the running digest (on some node) that has seen every byte so far, if one has.
 */
record TusUpload(UUID id, UUID fileTransferId, Kind kind, long length, long offset, UUID md5Digest, List<UUID> parts, State state,
                 Instant updated) {

    enum Kind {
        WHOLE, PARTIAL, FINAL;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum State {
        OPEN, COMPLETE, TERMINATED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    boolean allBytesIn() {
        return offset == length;
    }
}
