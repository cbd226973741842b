package no.formidling.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.formidling.auth.Scopes;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * What the pages ask of identity: an organisation answers its system user requests, sees and deletes its system
 * users and keeps its Maskinporten clients; an operator sees them all. The same registers and rules as the API.
 */
@Service
public class IdentityPages {
    /** The scopes an organisation may give its own client on the page. */
    public static final List<String> GRANTABLE_SCOPES = List.of(Scopes.BROKER_READ, Scopes.BROKER_WRITE, Scopes.CORRESPONDENCE_READ,
            Scopes.CORRESPONDENCE_WRITE, Scopes.SERVICE_OWNER, Scopes.EVENTS_SUBSCRIBE, IdentityCallers.SYSTEM_REGISTER_WRITE,
            IdentityCallers.REQUEST_READ, IdentityCallers.REQUEST_WRITE);

    /** A system user request, with its system's name and vendor. */
    public record RequestRow(UUID id, String systemId, String systemName, String vendorOrgNo, String orgNo, List<String> resources,
                             Instant created) {
    }

    public record SystemUserRow(UUID id, String systemId, String systemName, String vendorOrgNo, String orgNo, List<String> resources,
                                Instant created) {
    }

    public record ClientRow(String clientId, String orgNo, List<String> scopes, List<String> keyIds) {
    }

    public record SystemRow(String systemId, String name, String vendorOrgNo, List<String> resources, List<String> clientIds) {
    }

    /** An answered request: its system's name, and where the vendor asked the organisation to be sent back (or null). */
    public record Answered(String systemName, String redirectUrl) {
    }

    /** A saved client: whether it was new, and its key ids after. */
    public record SavedClient(String clientId, boolean created, List<String> keyIds) {
    }

    /** Why a client was not saved; {@code reason} is a {@link ClientRefusal} or a {@link KeyRefusal} name. */
    public static final class ClientRefused extends RuntimeException {
        private final String reason;

        ClientRefused(String reason) {
            super(reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    public enum ClientRefusal { BAD_ID, NO_SCOPES, UNKNOWN_SCOPE, TAKEN, NO_KEY }

    private final SystemRegister systems;
    private final SystemUsers systemUsers;
    private final MaskinportenClients clients;

    IdentityPages(SystemRegister systems, SystemUsers systemUsers, MaskinportenClients clients) {
        this.systems = systems;
        this.systemUsers = systemUsers;
        this.clients = clients;
    }

    /** Requests waiting for the organisation (every organisation when null), oldest first; {@code first} leads when it is one of them. */
    public List<RequestRow> pending(String orgNo, UUID first) {
        List<RequestRow> rows = new ArrayList<>(systemUsers.pending(orgNo).stream().map(this::row).toList());
        rows.sort(Comparator.comparing((RequestRow r) -> !r.id().equals(first)));
        return rows;
    }

    /** The status of one of the organisation's requests, when it has one with this id. */
    public Optional<SystemUsers.Status> statusOf(String orgNo, UUID requestId) {
        return systemUsers.findRequest(requestId).filter(r -> r.partyOrgNo().equals(orgNo)).map(SystemUsers.Request::status);
    }

    public Optional<Answered> accept(String orgNo, UUID requestId) {
        return systemUsers.accept(orgNo, requestId).map(this::answered);
    }

    public Optional<Answered> reject(String orgNo, UUID requestId) {
        Optional<SystemUsers.Request> request = systemUsers.findRequest(requestId);
        return systemUsers.reject(orgNo, requestId) ? request.map(this::answered) : Optional.empty();
    }

    /** Live system users of the organisation (every organisation when null). */
    public List<SystemUserRow> systemUsers(String orgNo) {
        return systemUsers.list(orgNo).stream().map(u -> {
            Optional<SystemRegister.RegisteredSystem> s = systems.find(u.systemId());
            return new SystemUserRow(u.id(), u.systemId(), s.map(IdentityPages::name).orElse(u.systemId()),
                    s.map(SystemRegister.RegisteredSystem::vendorOrgNo).orElse(null), u.partyOrgNo(), u.resources(), u.created());
        }).toList();
    }

    /** @return the deleted system user's system name, or empty when the organisation has no such live system user */
    public Optional<String> deleteSystemUser(String orgNo, UUID id) {
        Optional<SystemUserRow> user = systemUsers(orgNo).stream().filter(u -> u.id().equals(id)).findFirst();
        return user.isPresent() && systemUsers.delete(orgNo, id) ? user.map(SystemUserRow::systemName) : Optional.empty();
    }

    /** Maskinporten clients of the organisation (every organisation when null). */
    public List<ClientRow> clients(String orgNo) {
        return clients.list(orgNo).stream().map(c -> new ClientRow(c.clientId(), c.orgNo(), c.scopes(), keyIds(c.jwks()))).toList();
    }

    public Optional<ClientRow> client(String orgNo, String clientId) {
        return clients(orgNo).stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }

    public List<SystemRow> systems() {
        return systems.list(null).stream().map(s -> new SystemRow(s.systemId(), name(s), s.vendorOrgNo(), s.resources(), s.clientIds())).toList();
    }

    /**
     * Creates the organisation's client, or changes one it has: a pasted key is added (replacing a key with the same
     * kid), ticked scopes replace the client's scopes. A new client needs scopes and a key.
     *
     * @throws ClientRefused with the reason, when nothing was saved
     */
    public SavedClient saveClient(String orgNo, String clientId, List<String> scopes, String pastedKey, String keyId) {
        String id = clientId == null ? "" : clientId.strip();
        if (!MaskinportenClients.isValidId(id)) {
            throw new ClientRefused(ClientRefusal.BAD_ID.name());
        }
        List<String> wanted = scopes == null ? List.of() : scopes.stream().distinct().toList();
        if (!GRANTABLE_SCOPES.containsAll(wanted)) {
            throw new ClientRefused(ClientRefusal.UNKNOWN_SCOPE.name());
        }
        Optional<MaskinportenClients.Client> existing = clients.find(id);
        if (existing.isPresent() && !existing.get().orgNo().equals(orgNo)) {
            throw new ClientRefused(ClientRefusal.TAKEN.name());
        }
        boolean noKey = pastedKey == null || pastedKey.isBlank();
        if (existing.isEmpty() && wanted.isEmpty()) {
            throw new ClientRefused(ClientRefusal.NO_SCOPES.name());
        }
        if (noKey && (existing.isEmpty() || wanted.isEmpty())) {
            throw new ClientRefused(ClientRefusal.NO_KEY.name());
        }
        List<JWK> keys = new ArrayList<>();
        if (!noKey) {
            List<RSAKey> pasted;
            try {
                pasted = PastedPublicKey.parse(pastedKey, keyId);
            } catch (KeyRefusal.Refused refused) {
                throw new ClientRefused(refused.reason().name());
            }
            existing.ifPresent(c -> c.jwks().getKeys().stream()
                    .filter(k -> pasted.stream().noneMatch(p -> p.getKeyID().equals(k.getKeyID()))).forEach(keys::add));
            keys.addAll(pasted);
        } else {
            keys.addAll(existing.get().jwks().getKeys());
        }
        clients.put(new MaskinportenClients.Client(id, orgNo, wanted.isEmpty() ? existing.get().scopes() : wanted, new JWKSet(keys)));
        return new SavedClient(id, existing.isEmpty(), keyIds(new JWKSet(keys)));
    }

    private RequestRow row(SystemUsers.Request r) {
        Optional<SystemRegister.RegisteredSystem> s = systems.find(r.systemId());
        return new RequestRow(r.id(), r.systemId(), s.map(IdentityPages::name).orElse(r.systemId()),
                s.map(SystemRegister.RegisteredSystem::vendorOrgNo).orElse(null), r.partyOrgNo(), r.resources(), r.created());
    }

    private Answered answered(SystemUsers.Request r) {
        return new Answered(systems.find(r.systemId()).map(IdentityPages::name).orElse(r.systemId()), r.redirectUrl());
    }

    private static List<String> keyIds(JWKSet jwks) {
        return jwks.getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** The system's name in the reader's language, else Norwegian, English, any, or its id. */
    private static String name(SystemRegister.RegisteredSystem s) {
        Map<String, String> names = s.name();
        String language = LocaleContextHolder.getLocale().getLanguage();
        for (String l : List.of(language, "nb", "en")) {
            if (names.get(l) != null && !names.get(l).isBlank()) {
                return names.get(l);
            }
        }
        return names.values().stream().filter(n -> n != null && !n.isBlank()).findFirst().orElse(s.systemId());
    }
}
