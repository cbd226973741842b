package no.formidling.app;

import java.io.Serializable;
import java.util.Set;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.auth.Scopes;

/**
 * Who is signed in to the pages: an organisation ({@code party} = {@code 0192:<orgNo>}) or an operator.
 *
 * @param name shown in the header: the organisation number or the operator's user name
 */
public record PageUser(String party, String name, boolean operator) implements Serializable {

    public static PageUser organisation(String party) {
        return new PageUser(party, Parties.orgNo(party), false);
    }

    public static PageUser operator(String name) {
        return new PageUser(null, name, true);
    }

    /** The caller the Broker's use cases check, with the scopes a person at this organisation acts with. */
    public Caller caller() {
        return operator ? new Caller(null, null, Set.of(Scopes.MAINTENANCE))
                : new Caller(party, null, Set.of(Scopes.BROKER_WRITE, Scopes.BROKER_READ));
    }

    public String orgNo() {
        return party == null ? null : Parties.orgNo(party);
    }
}
