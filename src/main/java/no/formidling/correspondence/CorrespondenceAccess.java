package no.formidling.correspondence;

import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.CallerResolver;
import no.formidling.auth.Parties;
import no.formidling.auth.Scopes;
import no.formidling.register.PartyId;
import org.springframework.stereotype.Component;

/** Who the caller is to a correspondence: its sender (the service owner), its recipient, or nobody it may see. */
@Component
class CorrespondenceAccess {
    private final CallerResolver callers;
    private final CorrespondenceRepository correspondences;

    CorrespondenceAccess(CallerResolver callers, CorrespondenceRepository correspondences) {
        this.callers = callers;
        this.correspondences = correspondences;
    }

    record Access(Caller caller, Correspondence correspondence, boolean asSender, boolean asRecipient) {
        /** The caller acts as sender when it is the sender and holds the write scope (upstream's CallingAsSender). */
        boolean callingAsSender() {
            return asSender && (caller.has(Scopes.CORRESPONDENCE_WRITE) || !asRecipient);
        }
    }

    Caller caller() {
        return callers.current();
    }

    /** The caller's own party in upstream's urn form (person or organisation), or null. */
    static String callerUrn(Caller caller) {
        if (caller.person() != null) {
            return PartyId.PERSON_URN_PREFIX + caller.person();
        }
        return caller.party() == null ? null : Parties.asUrn(caller.party());
    }

    /** Loads the correspondence; 1001 when unknown, 4001 when the caller is neither its sender nor its recipient. */
    Access require(UUID id, boolean forUpdate) {
        Caller caller = callers.current();
        Correspondence c = (forUpdate ? correspondences.findForUpdate(id) : correspondences.find(id))
                .orElseThrow(CorrespondenceError.NOT_FOUND::problem);
        boolean asSender = caller.party() != null && caller.party().equals(c.sender());
        boolean asRecipient = c.recipient().equals(callerUrn(caller));
        if ((!asSender && !asRecipient) || !caller.mayUse(c.resourceId())) {
            throw CorrespondenceError.NO_ACCESS_TO_RESOURCE.problem();
        }
        return new Access(caller, c, asSender, asRecipient);
    }

    /** As {@link #require} but only the recipient (Recipient policy endpoints). */
    Access requireRecipient(UUID id, boolean forUpdate) {
        Access access = require(id, forUpdate);
        if (!access.asRecipient()) {
            throw CorrespondenceError.NO_ACCESS_TO_RESOURCE.problem();
        }
        return access;
    }
}
