package no.formidling.storage;

import java.util.Optional;

/**
 * Who owns the bytes under a blob key: a service owner's organisation number. Stores that keep owners apart
 * (Azure: a container per service owner) ask it; the use case that makes the keys answers it.
 */
@FunctionalInterface
public interface BlobOwners {

    /** The owner of {@code key}, empty when the key belongs to no known owner. */
    Optional<String> ownerOf(String key);

    BlobOwners NONE = key -> Optional.empty();
}
