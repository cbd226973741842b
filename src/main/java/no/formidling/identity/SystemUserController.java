package no.formidling.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.web.ApiProblem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An organisation's system users (list, delete), and a vendor's by system, at Altinn's paths. */
@RestController
@RequestMapping("/authentication/api/v1/systemuser")
@Tag(name = "System users")
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class SystemUserController {

    /** Altinn's {@code SystemUserExternalDTO}. */
    record SystemUserExt(UUID id, String integrationTitle, String systemId, String productName, String reporteeOrgNo, Instant created,
                         boolean isDeleted, String supplierName, String supplierOrgno, String externalRef, String userType,
                         List<SystemRegisterController.RightExt> rights) {
    }

    private final SystemRegister systems;
    private final SystemUsers systemUsers;
    private final IdentityCallers callers;

    SystemUserController(SystemRegister systems, SystemUsers systemUsers, IdentityCallers callers) {
        this.systems = systems;
        this.systemUsers = systemUsers;
        this.callers = callers;
    }

    @Operation(summary = "The organisation's system users")
    @GetMapping("/{party}")
    List<SystemUserExt> list(@PathVariable String party) {
        callers.organisation(party);
        return systemUsers.list(party).stream().map(this::view).toList();
    }

    @Operation(summary = "Delete one of the organisation's system users; its tokens stop working at once")
    @DeleteMapping("/{party}/{systemUserId}")
    ResponseEntity<Integer> delete(@PathVariable String party, @PathVariable UUID systemUserId) {
        callers.organisation(party);
        return systemUsers.delete(party, systemUserId) ? ResponseEntity.accepted().body(1) : ResponseEntity.status(HttpStatus.NOT_FOUND).body(0);
    }

    @Operation(summary = "The system users of one of the vendor's systems")
    @GetMapping("/vendor/bysystem/{systemId}")
    SystemUserRequestController.PageExt<SystemUserExt> bySystem(@PathVariable String systemId) {
        Caller vendor = callers.vendor(IdentityCallers.SYSTEM_REGISTER_WRITE, IdentityCallers.REQUEST_READ);
        systems.find(systemId).filter(s -> s.vendorOrgNo().equals(vendor.orgNo()))
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No system with id " + systemId + " is registered by " + vendor.orgNo()));
        return new SystemUserRequestController.PageExt<>(new SystemUserRequestController.LinksExt(null),
                systemUsers.ofSystem(systemId).stream().map(this::view).toList());
    }

    private SystemUserExt view(SystemUsers.SystemUser u) {
        var system = systems.find(u.systemId());
        String name = system.map(s -> s.name().getOrDefault("nb", s.name().values().stream().findFirst().orElse(s.systemId()))).orElse(u.systemId());
        return new SystemUserExt(u.id(), name, u.systemId(), name, u.partyOrgNo(), u.created(), false, null,
                system.map(SystemRegister.RegisteredSystem::vendorOrgNo).orElse(null), u.externalRef(), "Standard",
                SystemRegisterController.rights(u.resources()));
    }
}
