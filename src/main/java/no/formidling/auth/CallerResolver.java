package no.formidling.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Reads the caller's organisation and scopes from an Altinn-style token (or a page session's {@link CallerPrincipal}). */
@Component
public class CallerResolver {

    public Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CallerPrincipal page) {
            return page.caller();
        }
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException("No token");
        }
        return fromJwt(token.getToken());
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
