package no.formidling.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Reads the caller's organisation and scopes from an Altinn-style token (or a page session's {@link CallerPrincipal}).
 * A system user's rights are read on every request, so a deleted system user stops at once, even with a live token.
 */
@Component
public class CallerResolver {
    private final ObjectProvider<SystemUserRights> systemUserRights;

    CallerResolver(ObjectProvider<SystemUserRights> systemUserRights) {
        this.systemUserRights = systemUserRights;
    }

    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CallerPrincipal page) {
            return page.caller();
        }
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException("No token");
        }
        Caller caller = fromJwt(token.getToken());
        SystemUserRights rights = systemUserRights.getIfAvailable();
        String systemUser = systemUserId(token.getToken());
        return rights == null || systemUser == null ? caller : caller.withResourceRights(rights.resourcesOf(systemUser));
    }

    /** The {@code systemuser_id} of a system user's token, else null. */
    static String systemUserId(Jwt jwt) {
        Object details = jwt.getClaims().get("authorization_details");
        Object first = details instanceof List<?> l && !l.isEmpty() ? l.get(0) : details;
        if (!(first instanceof Map<?, ?> map)) {
            return null;
        }
        Object id = map.get("systemuser_id");
        Object value = id instanceof List<?> ids && !ids.isEmpty() ? ids.get(0) : id;
        return value instanceof String s ? s : null;
    }

    public static Caller fromJwt(Jwt jwt) {
        Set<String> scopes = new HashSet<>();
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String s) {
            scopes.addAll(List.of(s.trim().split("\\s+")));
        } else if (scope instanceof List<?> list) {
            list.forEach(o -> scopes.add(String.valueOf(o)));
        }
        String pid = jwt.getClaimAsString("pid");
        return new Caller(pid == null ? partyOf(jwt) : null, jwt.getClaimAsString("urn:altinn:org"), Set.copyOf(scopes), pid);
    }

    private static String partyOf(Jwt jwt) {
        // System-user tokens name the organisation the system acts for in authorization_details.
        Object details = jwt.getClaims().get("authorization_details");
        String fromDetails = idIn(details instanceof List<?> l && !l.isEmpty() ? l.get(0) : details, "systemuser_org");
        if (fromDetails != null) {
            return fromDetails;
        }
        String fromConsumer = idIn(jwt.getClaims(), "consumer");
        if (fromConsumer != null) {
            return fromConsumer;
        }
        String orgNo = jwt.getClaimAsString("urn:altinn:orgNumber");
        return Parties.isOrgNo(orgNo) ? Parties.ofOrgNo(orgNo) : null;
    }

    private static String idIn(Object container, String key) {
        if (container instanceof Map<?, ?> map && map.get(key) instanceof Map<?, ?> inner && inner.get("ID") instanceof String id) {
            return Parties.normalize(id);
        }
        return null;
    }
}
