package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceStatus.*;

import java.util.UUID;
import no.formidling.correspondence.CorrespondenceAccess.Access;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What senders and recipients do to one correspondence: look at it, read, confirm, purge — with upstream's rules. */
@Service
class CorrespondenceActions {
    private final CorrespondenceAccess access;
    private final CorrespondenceRepository correspondences;
    private final CorrespondenceStatusService statuses;
    private final CorrespondenceViews views;
    private final AttachmentRetention retention;

    CorrespondenceActions(CorrespondenceAccess access, CorrespondenceRepository correspondences,
                          CorrespondenceStatusService statuses, CorrespondenceViews views, AttachmentRetention retention) {
        this.retention = retention;
        this.access = access;
        this.correspondences = correspondences;
        this.statuses = statuses;
        this.views = views;
    }

    /** Overview; a recipient's first look records {@code Fetched}. */
    @Transactional
    CorrespondenceAnswers.CorrespondenceOverviewExt overview(UUID id) {
        Access a = access.require(id, true);
        Correspondence c = a.correspondence();
        if (c.status().isPurged()) {
            throw CorrespondenceError.NOT_FOUND.problem();
        }
        if (a.asRecipient() && !a.callingAsSender()) {
            requireAvailable(c);
            statuses.fetched(c);
            c = correspondences.find(id).orElseThrow();
        }
        return views.overview(c);
    }

    @Transactional(readOnly = true)
    CorrespondenceAnswers.CorrespondenceDetailsExt details(UUID id) {
        Access a = access.require(id, false);
        if (a.asRecipient() && !a.callingAsSender()) {
            requireAvailable(a.correspondence());
        }
        return views.details(a.correspondence());
    }

    /** The message body for the recipient; reading it records Fetched and Read as upstream does. */
    @Transactional
    String content(UUID id) {
        Correspondence c = access.requireRecipient(id, true).correspondence();
        requireAvailable(c);
        statuses.fetched(c);
        if (!correspondences.hasBeen(id, Read)) {
            statuses.change(c, Read, null);
        }
        return c.messageBody();
    }

    @Transactional
    UUID markAsRead(UUID id) {
        Correspondence c = access.requireRecipient(id, true).correspondence();
        requireAvailable(c);
        if (!correspondences.hasBeen(id, Fetched)) {
            throw CorrespondenceError.READ_BEFORE_FETCHED.problem();
        }
        if (correspondences.hasBeen(id, Read)) {
            throw CorrespondenceError.ALREADY_READ.problem();
        }
        statuses.change(c, Read, null);
        return id;
    }

    @Transactional
    UUID confirm(UUID id) {
        Correspondence c = access.requireRecipient(id, true).correspondence();
        requireAvailable(c);
        if (!correspondences.hasBeen(id, Fetched)) {
            throw CorrespondenceError.CONFIRM_BEFORE_FETCHED.problem();
        }
        if (correspondences.hasBeen(id, Confirmed)) {
            throw CorrespondenceError.ALREADY_CONFIRMED.problem();
        }
        statuses.change(c, Confirmed, null);
        return id;
    }

    /** The sender may purge only before publish (→ PurgedByAltinn); the recipient any time it is available (→ PurgedByRecipient). */
    @Transactional
    UUID purge(UUID id) {
        Access a = access.require(id, true);
        Correspondence c = a.correspondence();
        if (c.status().isPurged()) {
            throw CorrespondenceError.ALREADY_PURGED.problem();
        }
        if (a.callingAsSender()) {
            if (!PURGEABLE_BY_SENDER.contains(c.status())) {
                throw CorrespondenceError.CANT_PURGE_PUBLISHED.problem();
            }
            statuses.change(c, PurgedByAltinn, "Purged by sender");
        } else {
            requireAvailable(c);
            if (c.isConfirmationNeeded() && !correspondences.hasBeen(id, Confirmed)) {
                throw CorrespondenceError.ARCHIVE_BEFORE_CONFIRMED.problem();
            }
            statuses.change(c, PurgedByRecipient, null);
        }
        retention.purgeNoLongerLinked(id);
        return id;
    }

    /**
     * The recipient archives it (upstream's legacy archive): refused before confirmation when one is needed (1026);
     * archiving twice changes nothing.
     */
    @Transactional
    UUID archive(UUID id) {
        Correspondence c = access.requireRecipient(id, true).correspondence();
        requireAvailable(c);
        if (c.isConfirmationNeeded() && !correspondences.hasBeen(id, Confirmed)) {
            throw CorrespondenceError.ARCHIVE_BEFORE_CONFIRMED.problem();
        }
        statuses.change(c, Archived, null);
        return id;
    }

    static void requireAvailable(Correspondence c) {
        if (!AVAILABLE_FOR_RECIPIENT.contains(c.status())) {
            throw CorrespondenceError.NOT_FOUND.problem();
        }
    }
}
