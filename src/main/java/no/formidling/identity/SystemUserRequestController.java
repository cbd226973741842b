package no.formidling.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * System user requests at Altinn's paths: the vendor asks, the organisation accepts or rejects (on its page in
 * {@code /app}, or here with its own token; {@code {party}} is the organisation number).
 */
@RestController
@RequestMapping("/authentication/api/v1/systemuser/request")
@Tag(name = "System users", description = "Altinn's system user requests (self-hosting addition)")
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class SystemUserRequestController {

    /** Altinn's {@code CreateRequestSystemUser}. */
    record CreateRequestExt(String externalRef, String systemId, String partyOrgNo, List<SystemRegisterController.RightExt> rights,
                            String redirectUrl) {
    }

    /** Altinn's {@code RequestSystemResponse}. */
    record RequestExt(UUID id, String externalRef, String systemId, String partyOrgNo, List<SystemRegisterController.RightExt> rights,
                      String status, String redirectUrl, String confirmUrl, boolean escalated, Instant created, boolean timedOut) {
    }

    record PageExt<T>(LinksExt links, List<T> data) {
    }

    record LinksExt(String next) {
    }

    private final SystemRegister systems;
    private final SystemUsers systemUsers;
    private final IdentityCallers callers;
    private final String baseUrl;

    SystemUserRequestController(SystemRegister systems, SystemUsers systemUsers, IdentityCallers callers,
                                @Value("${formidling.base-url}") String baseUrl) {
        this.systems = systems;
        this.systemUsers = systemUsers;
        this.callers = callers;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Operation(summary = "Ask an organisation for a system user; 201 with the request, 200 with the open one when asked again")
    @PostMapping("/vendor")
    ResponseEntity<RequestExt> create(@RequestBody CreateRequestExt body) {
        Caller vendor = callers.vendor(IdentityCallers.REQUEST_WRITE);
        if (body.systemId() == null || body.systemId().isBlank()) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "systemId is required");
        }
        if (!Parties.isOrgNo(body.partyOrgNo())) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "partyOrgNo must be a nine-digit organisation number");
        }
        SystemRegister.RegisteredSystem system = systems.find(body.systemId()).filter(s -> s.vendorOrgNo().equals(vendor.orgNo()))
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No system with id " + body.systemId() + " is registered by " + vendor.orgNo()));
        List<String> resources = SystemRegisterController.resources(body.rights());
        if (resources.isEmpty() || !system.resources().containsAll(resources)) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "rights must name resources of the system's own rights: " + system.resources());
        }
        String externalRef = body.externalRef() == null || body.externalRef().isBlank() ? body.partyOrgNo() : body.externalRef();
        if (systemUsers.live(system.systemId(), body.partyOrgNo(), externalRef).isPresent()) {
            throw ApiProblem.of(HttpStatus.CONFLICT, "A system user already exists for system " + system.systemId() + ", organisation "
                    + body.partyOrgNo() + " and externalRef " + externalRef);
        }
        SystemUsers.Requested requested = systemUsers.request(system.systemId(), body.partyOrgNo(), externalRef, resources,
                body.redirectUrl() == null || body.redirectUrl().isBlank() ? null : body.redirectUrl());
        RequestExt view = view(requested.request());
        return requested.created()
                ? ResponseEntity.created(URI.create(baseUrl + "/authentication/api/v1/systemuser/request/" + view.id())).body(view)
                : ResponseEntity.ok(view);
    }

    @Operation(summary = "A request the vendor made, with its status")
    @GetMapping("/vendor/{requestId}")
    RequestExt get(@PathVariable UUID requestId) {
        Caller vendor = callers.vendor(IdentityCallers.REQUEST_READ, IdentityCallers.REQUEST_WRITE);
        return systemUsers.findRequest(requestId).filter(r -> systems.find(r.systemId()).map(s -> s.vendorOrgNo().equals(vendor.orgNo())).orElse(false))
                .map(this::view).orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No request with id " + requestId));
    }

    @Operation(summary = "The organisation accepts the request; its system user is created")
    @PostMapping("/{party}/{requestId}/approve")
    boolean approve(@PathVariable String party, @PathVariable UUID requestId) {
        callers.organisation(party);
        if (systemUsers.accept(party, requestId).isEmpty()) {
            throw notOpen(requestId);
        }
        return true;
    }

    @Operation(summary = "The organisation rejects the request")
    @PostMapping("/{party}/{requestId}/reject")
    boolean reject(@PathVariable String party, @PathVariable UUID requestId) {
        callers.organisation(party);
        if (!systemUsers.reject(party, requestId)) {
            throw notOpen(requestId);
        }
        return true;
    }

    private static ApiProblem notOpen(UUID requestId) {
        return ApiProblem.of(HttpStatus.NOT_FOUND, "No open request with id " + requestId + " for this organisation");
    }

    RequestExt view(SystemUsers.Request r) {
        return new RequestExt(r.id(), r.externalRef(), r.systemId(), r.partyOrgNo(), SystemRegisterController.rights(r.resources()),
                r.status().name(), r.redirectUrl(), baseUrl + "/app/systemusers?request=" + r.id(), false, r.created(), false);
    }
}
