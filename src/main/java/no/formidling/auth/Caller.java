package no.formidling.auth;

import java.util.Set;

/**
 * The authenticated caller as the API sees it.
 *
 * @param party            {@code 0192:<orgNo>} of the calling organisation, or null for a personal token
 * @param serviceOwnerCode the {@code urn:altinn:org} code (e.g. {@code digdir}), when the token carries one
 * @param scopes           the token's scopes
 * @param person           the national identity number of a personal token ({@code pid}), else null
 */
public record Caller(String party, String serviceOwnerCode, Set<String> scopes, String person) {

    public Caller(String party, String serviceOwnerCode, Set<String> scopes) {
        this(party, serviceOwnerCode, scopes, null);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    public boolean hasAny(String... wanted) {
        for (String s : wanted) {
            if (scopes.contains(s)) {
                return true;
            }
        }
        return false;
    }

    public String orgNo() {
        return party == null ? null : Parties.orgNo(party);
    }
}
