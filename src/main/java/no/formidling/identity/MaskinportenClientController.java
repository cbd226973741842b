package no.formidling.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.auth.Scopes;
import no.formidling.web.ApiProblem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Maskinporten clients, like the other registers: an organisation registers its own, a service owner any. */
@RestController
@RequestMapping("/maskinporten/api/v1/clients")
@Tag(name = "Maskinporten", description = "Maskinporten clients and their public keys (self-hosting addition)")
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class MaskinportenClientController {

    record ClientExt(String clientId, String organisation, List<String> scopes, Map<String, Object> jwks) {
    }

    record ClientBodyExt(String organisation, List<String> scopes, JsonNode jwks) {
    }

    private final MaskinportenClients clients;
    private final IdentityCallers callers;

    MaskinportenClientController(MaskinportenClients clients, IdentityCallers callers) {
        this.clients = clients;
        this.callers = callers;
    }

    @Operation(summary = "Create or replace a client: its organisation, the scopes it may ask for and its public keys (JWKs with kid)")
    @PutMapping("/{clientId}")
    ClientExt put(@PathVariable String clientId, @RequestBody ClientBodyExt body) {
        Caller caller = callers.current();
        if (!MaskinportenClients.isValidId(clientId)) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "clientId may contain letters, digits, '.', '_', ':' and '-' (at most 255)");
        }
        if (!Parties.isOrgNo(body.organisation())) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "organisation must be a nine-digit organisation number");
        }
        clients.find(clientId).ifPresent(existing -> mayManage(caller, existing.orgNo()));
        mayManage(caller, body.organisation());
        List<String> scopes = body.scopes() == null ? List.of() : body.scopes().stream().filter(s -> s != null && !s.isBlank()).distinct().toList();
        if (scopes.isEmpty()) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "scopes is required: the scopes the client may ask for");
        }
        if (scopes.contains(Scopes.MAINTENANCE) && !caller.has(Scopes.MAINTENANCE)) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "Only a caller holding " + Scopes.MAINTENANCE + " may grant it to a client");
        }
        clients.put(new MaskinportenClients.Client(clientId, body.organisation(), scopes, publicKeys(body.jwks())));
        return view(clients.find(clientId).orElseThrow());
    }

    @Operation(summary = "A client and its public keys")
    @GetMapping("/{clientId}")
    ClientExt get(@PathVariable String clientId) {
        MaskinportenClients.Client client = clients.find(clientId).orElseThrow(() -> notFound(clientId));
        mayManage(callers.current(), client.orgNo());
        return view(client);
    }

    @Operation(summary = "The caller's clients (a service owner sees all)")
    @GetMapping
    List<ClientExt> list() {
        Caller caller = callers.current();
        return clients.list(callers.isAdministrator(caller) ? null : caller.orgNo()).stream().map(MaskinportenClientController::view).toList();
    }

    @Operation(summary = "Delete a client; its grants are refused from then on")
    @DeleteMapping("/{clientId}")
    ResponseEntity<Void> delete(@PathVariable String clientId) {
        MaskinportenClients.Client client = clients.find(clientId).orElseThrow(() -> notFound(clientId));
        mayManage(callers.current(), client.orgNo());
        clients.delete(clientId);
        return ResponseEntity.noContent().build();
    }

    private void mayManage(Caller caller, String orgNo) {
        boolean own = orgNo.equals(caller.orgNo()) && caller.resourceRights() == null;
        if (!own && !callers.isAdministrator(caller)) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "Only organisation " + orgNo + " itself or a service owner may manage its clients");
        }
    }

    private static ApiProblem notFound(String clientId) {
        return ApiProblem.of(HttpStatus.NOT_FOUND, "No client with id " + clientId);
    }

    /** RSA public keys, each with its kid; private key material is refused rather than stored. */
    static JWKSet publicKeys(JsonNode jwks) {
        if (jwks == null || !jwks.path("keys").isArray() || jwks.path("keys").isEmpty()) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "jwks is required: {\"keys\": [<public RSA JWK with kid>, ...]}");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks.toString());
        } catch (ParseException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "jwks is not a JWK set: " + e.getMessage());
        }
        for (JWK key : set.getKeys()) {
            KeyRefusal refused = KeyRefusal.of(key);
            if (refused != null) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, refused.sentence());
            }
        }
        return set;
    }

    static ClientExt view(MaskinportenClients.Client c) {
        return new ClientExt(c.clientId(), c.orgNo(), c.scopes(), c.jwks().toPublicJWKSet().toJSONObject());
    }
}
