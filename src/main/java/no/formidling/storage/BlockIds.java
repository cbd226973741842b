package no.formidling.storage;

import java.util.Base64;

/** The block ids every {@link BlobStore} takes: Base64 of 1 to 64 bytes, as Azure takes them. */
final class BlockIds {
    private BlockIds() {
    }

    /** The id's bytes. */
    static byte[] decode(String blockId) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(blockId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Block id is not Base64: " + blockId);
        }
        if (raw.length == 0 || raw.length > 64) {
            throw new IllegalArgumentException("Block ids are 1 to 64 bytes: " + blockId);
        }
        return raw;
    }
}
