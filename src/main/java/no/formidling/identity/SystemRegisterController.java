package no.formidling.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.web.ApiProblem;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Altinn's system register at Altinn's paths: a vendor registers the systems its Maskinporten clients run. */
@RestController
@RequestMapping("/authentication/api/v1/systemregister/vendor")
@Tag(name = "System register", description = "Altinn's system register (self-hosting addition)")
@ConditionalOnProperty(name = "formidling.identity.enabled", havingValue = "true")
class SystemRegisterController {

    /** Altinn's {@code RegisterSystemRequest}; names are read case-insensitively, as Altinn does. */
    record RegisterSystemExt(String id, VendorExt vendor, Map<String, String> name, Map<String, String> description,
                             List<RightExt> rights, List<String> clientId) {
    }

    record VendorExt(String authority, String ID) {
    }

    record RightExt(String action, List<AttributeExt> resource) {
    }

    record AttributeExt(String id, String value) {
    }

    /** Altinn's {@code RegisteredSystemResponse}. */
    record RegisteredSystemExt(String id, UUID systemInternalId, VendorExt vendor, String systemVendorOrgNumber, Map<String, String> name,
                               Map<String, String> description, List<RightExt> rights, List<String> clientId, boolean isVisible,
                               boolean isDeleted) {
    }

    private final SystemRegister systems;
    private final IdentityCallers callers;

    SystemRegisterController(SystemRegister systems, IdentityCallers callers) {
        this.systems = systems;
        this.callers = callers;
    }

    @Operation(summary = "Register a system; answers its internal id")
    @PostMapping
    UUID register(@RequestBody RegisterSystemExt body) {
        Caller vendor = callers.vendor(IdentityCallers.SYSTEM_REGISTER_WRITE, IdentityCallers.SYSTEM_REGISTER_ADMIN);
        SystemRegister.RegisteredSystem system = validated(body, vendor, UUID.randomUUID());
        if (!systems.create(system)) {
            throw ApiProblem.of(HttpStatus.CONFLICT, "The System already exist: " + system.systemId());
        }
        return system.internalId();
    }

    @Operation(summary = "Change a system's name, description, rights and clients")
    @PutMapping("/{systemId}")
    Map<String, Boolean> update(@PathVariable String systemId, @RequestBody RegisterSystemExt body) {
        Caller vendor = callers.vendor(IdentityCallers.SYSTEM_REGISTER_WRITE, IdentityCallers.SYSTEM_REGISTER_ADMIN);
        SystemRegister.RegisteredSystem existing = own(systemId, vendor);
        RegisterSystemExt withId = new RegisterSystemExt(systemId, body.vendor(), body.name(), body.description(), body.rights(), body.clientId());
        systems.update(validated(withId, vendor, existing.internalId()));
        return Map.of("isSuccess", true);
    }

    @Operation(summary = "The vendor's own systems")
    @GetMapping
    List<RegisteredSystemExt> list() {
        Caller vendor = callers.vendor(IdentityCallers.SYSTEM_REGISTER_WRITE, IdentityCallers.SYSTEM_REGISTER_ADMIN);
        return systems.list(vendor.orgNo()).stream().map(SystemRegisterController::view).toList();
    }

    @Operation(summary = "One of the vendor's systems")
    @GetMapping("/{systemId}")
    RegisteredSystemExt get(@PathVariable String systemId) {
        return view(own(systemId, callers.vendor(IdentityCallers.SYSTEM_REGISTER_WRITE, IdentityCallers.SYSTEM_REGISTER_ADMIN)));
    }

    private SystemRegister.RegisteredSystem own(String systemId, Caller vendor) {
        return systems.find(systemId).filter(s -> s.vendorOrgNo().equals(vendor.orgNo()) || callers.isAdministrator(vendor))
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No system with id " + systemId + " is registered by " + vendor.orgNo()));
    }

    private static SystemRegister.RegisteredSystem validated(RegisterSystemExt body, Caller vendor, UUID internalId) {
        if (body.id() == null || body.id().isBlank() || body.id().length() > 255 || body.id().contains(" ")) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "id is required: the system id, without spaces, at most 255 characters");
        }
        String vendorParty = body.vendor() == null ? null : Parties.normalize(body.vendor().ID());
        if (vendorParty == null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "vendor.ID is required: 0192:<the vendor's organisation number>");
        }
        String vendorOrgNo = Parties.orgNo(vendorParty);
        if (!vendorOrgNo.equals(vendor.orgNo())) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "vendor.ID must be the organisation of the token, 0192:" + vendor.orgNo());
        }
        if (!body.id().startsWith(vendorOrgNo + "_")) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The system id must start with the vendor's organisation number and '_': " + vendorOrgNo + "_");
        }
        if (body.name() == null || body.name().isEmpty()) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "name is required: the system's name by language, e.g. {\"nb\": \"...\", \"en\": \"...\"}");
        }
        List<String> clientIds = body.clientId() == null ? List.of() : body.clientId().stream().filter(c -> c != null && !c.isBlank()).toList();
        return new SystemRegister.RegisteredSystem(body.id(), internalId, vendorOrgNo, body.name(),
                body.description() == null ? Map.of() : body.description(), resources(body.rights()), clientIds);
    }

    /** The resource ids named by Altinn's rights ({@code [{"resource":[{"id":"urn:altinn:resource","value":"<id>"}]}]}). */
    static List<String> resources(List<RightExt> rights) {
        List<String> resources = new ArrayList<>();
        for (RightExt right : rights == null ? List.<RightExt>of() : rights) {
            for (AttributeExt attribute : right.resource() == null ? List.<AttributeExt>of() : right.resource()) {
                if (!"urn:altinn:resource".equals(attribute.id()) || attribute.value() == null || attribute.value().isBlank()) {
                    throw ApiProblem.of(HttpStatus.BAD_REQUEST, "rights: each resource attribute must be {\"id\": \"urn:altinn:resource\", \"value\": \"<resource id>\"}");
                }
                if (!resources.contains(attribute.value())) {
                    resources.add(attribute.value());
                }
            }
        }
        return resources;
    }

    static List<RightExt> rights(List<String> resources) {
        return resources.stream().map(r -> new RightExt(null, List.of(new AttributeExt("urn:altinn:resource", r)))).toList();
    }

    static RegisteredSystemExt view(SystemRegister.RegisteredSystem s) {
        return new RegisteredSystemExt(s.systemId(), s.internalId(), new VendorExt("iso6523-actorid-upis", Parties.ofOrgNo(s.vendorOrgNo())),
                s.vendorOrgNo(), s.name(), s.description(), rights(s.resources()), s.clientIds(), true, false);
    }
}
