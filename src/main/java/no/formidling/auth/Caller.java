package no.formidling.auth;

import java.util.Set;

/**
 * The authenticated caller as the API sees it.
 *
 * @param party            {@code 0192:<orgNo>} of the calling organisation, or null for a personal token
 * @param serviceOwnerCode the {@code urn:altinn:org} code (e.g. {@code digdir}), when the token carries one
 * @param scopes           the token's scopes
 * @param person           the national identity number of a personal token ({@code pid}), else null
 * @param resourceRights   for a system user, the resources its organisation gave it rights to; null when the caller
 *                         is not limited to some resources
 */
public record Caller(String party, String serviceOwnerCode, Set<String> scopes, String person, Set<String> resourceRights) {

    public Caller(String party, String serviceOwnerCode, Set<String> scopes, String person) {
        this(party, serviceOwnerCode, scopes, person, null);
    }

    public Caller(String party, String serviceOwnerCode, Set<String> scopes) {
        this(party, serviceOwnerCode, scopes, null, null);
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

    /** Whether the caller may act on this resource at all: always, unless it is a system user without rights on it. */
    public boolean mayUse(String resourceId) {
        return resourceRights == null || resourceRights.contains(resourceId);
    }

    public Caller withResourceRights(Set<String> rights) {
        return new Caller(party, serviceOwnerCode, scopes, person, rights);
    }

    public String orgNo() {
        return party == null ? null : Parties.orgNo(party);
    }
}
