package no.formidling.app;

import java.io.Serializable;
import java.util.Set;
import no.formidling.auth.Caller;
import no.formidling.auth.CallerPrincipal;
import no.formidling.auth.Parties;
import no.formidling.auth.Scopes;

/**
 * Who is signed in to the pages: an organisation ({@code party} = {@code 0192:<orgNo>}), a person ({@code pid} = the
 * 11-digit national identity number) or an operator.
 *
 * @param name shown in the header: the organisation number, the person's name (or number) or the operator's user name
 */
public record PageUser(String party, String pid, String name, boolean operator) implements Serializable, CallerPrincipal {

    public static PageUser organisation(String party) {
        return new PageUser(party, null, Parties.orgNo(party), false);
    }

    public static PageUser person(String pid, String name) {
        return new PageUser(null, pid, name == null || name.isBlank() ? pid : name, false);
    }

    public static PageUser operator(String name) {
        return new PageUser(null, null, name, true);
    }

    public boolean isPerson() {
        return pid != null;
    }

    /** The role the pages' chain checks: OPERATOR, PERSON or ORGANISATION. */
    String role() {
        return operator ? PageAuthentication.OPERATOR : isPerson() ? PageAuthentication.PERSON : PageAuthentication.ORGANISATION;
    }

    /** The caller the use cases check, with the scopes the same user would have over the API. */
    @Override
    public Caller caller() {
        if (operator) {
            return new Caller(null, null, Set.of(Scopes.MAINTENANCE));
        }
        if (isPerson()) {
            return new Caller(null, null, Set.of(Scopes.CORRESPONDENCE_READ), pid);
        }
        return new Caller(party, null, Set.of(Scopes.BROKER_WRITE, Scopes.BROKER_READ, Scopes.CORRESPONDENCE_READ));
    }

    public String orgNo() {
        return party == null ? null : Parties.orgNo(party);
    }
}
