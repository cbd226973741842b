package no.formidling.identity;

import no.formidling.auth.Caller;
import no.formidling.auth.CallerResolver;
import no.formidling.auth.Scopes;
import no.formidling.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Who may use the registers: a vendor by the scopes Altinn asks of it, an organisation for itself. */
@Component
class IdentityCallers {
    static final String SYSTEM_REGISTER_WRITE = "altinn:authentication/systemregister.write";
    static final String SYSTEM_REGISTER_ADMIN = "altinn:authentication/systemregister.admin";
    static final String REQUEST_WRITE = "altinn:authentication/systemuser.request.write";
    static final String REQUEST_READ = "altinn:authentication/systemuser.request.read";
    private final CallerResolver callers;

    IdentityCallers(CallerResolver callers) {
        this.callers = callers;
    }

    /** An organisation's token carrying one of the scopes; its organisation is the vendor. */
    Caller vendor(String... scopes) {
        Caller caller = callers.current();
        if (!caller.hasAny(scopes)) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "The token needs scope " + String.join(" or ", scopes));
        }
        if (caller.orgNo() == null) {
            throw ApiProblem.of(HttpStatus.UNAUTHORIZED, "The token names no organisation (consumer or urn:altinn:orgNumber)");
        }
        return caller;
    }

    /** The organisation itself (not a system user acting for it), as the organisation number in the path. */
    Caller organisation(String orgNo) {
        Caller caller = callers.current();
        if (caller.orgNo() == null || !caller.orgNo().equals(orgNo) || caller.resourceRights() != null) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "Only organisation " + orgNo + " itself may do this, with its own token");
        }
        return caller;
    }

    /** A service owner or the maintenance scope: may look at every organisation's registrations. */
    boolean isAdministrator(Caller caller) {
        return caller.hasAny(Scopes.SERVICE_OWNER, Scopes.MAINTENANCE) && caller.resourceRights() == null;
    }

    Caller current() {
        return callers.current();
    }
}
