package no.formidling.correspondence;

import java.util.EnumSet;
import java.util.Set;

/** Upstream's correspondence statuses, in upstream's numeric order. */
public enum CorrespondenceStatus {
    Initialized, ReadyForPublish, Published, Fetched, Read, Replied, Confirmed, PurgedByRecipient, PurgedByAltinn,
    Archived, Reserved, Failed, AttachmentsDownloaded, Forwarded;

    static final Set<CorrespondenceStatus> AVAILABLE_FOR_RECIPIENT = EnumSet.of(Published, Fetched, Read, Replied, Confirmed,
            Archived, Reserved, AttachmentsDownloaded, Forwarded);
    static final Set<CorrespondenceStatus> PURGEABLE_BY_SENDER = EnumSet.of(Initialized, ReadyForPublish, Failed);

    boolean isPurged() {
        return this == PurgedByAltinn || this == PurgedByRecipient;
    }
}
