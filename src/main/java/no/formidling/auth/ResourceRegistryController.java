package no.formidling.auth;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import no.formidling.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Our stand-in for Altinn Resource Registry: a service owner declares a resource and its access list. */
@RestController
@RequestMapping("/resourceregistry/api/v1/resource")
@Tag(name = "Resource registry", description = "Local resource registry with access lists (self-hosting addition)")
class ResourceRegistryController {

    record AccessEntryExt(@NotBlank @Pattern(regexp = "^(?:\\d{4}:\\d{9}|urn:altinn:organization:identifier-no:\\d{9})$",
            message = "party must be 0192:<orgNo> or urn:altinn:organization:identifier-no:<orgNo>") String party,
                          List<@Pattern(regexp = "^(write|read)$", message = "actions are write and read") String> actions) {
    }

    record ResourceExt(@Size(max = 1024) String title,
                       @NotBlank @Pattern(regexp = "^\\d{9}$", message = "serviceOwnerOrgNo must be 9 digits") String serviceOwnerOrgNo,
                       List<@Valid AccessEntryExt> accessList,
                       Boolean confidential,
                       @Min(0) @Max(4) Integer minimumAuthenticationLevel) {
    }

    private final ResourceRegistry registry;
    private final CallerResolver callers;

    ResourceRegistryController(ResourceRegistry registry, CallerResolver callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @PutMapping("/{resourceId}")
    ResourceRegistry.RegisteredResource put(@PathVariable String resourceId, @Valid @RequestBody ResourceExt body) {
        Caller caller = requireServiceOwner();
        if (resourceId.length() > 255 || !resourceId.matches("^[A-Za-z0-9_-]+$")) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "resourceId may contain letters, digits, '-' and '_' (at most 255)");
        }
        registry.find(resourceId).ifPresent(existing -> {
            if (!existing.serviceOwnerOrgNo().equals(caller.orgNo())) {
                throw ApiProblem.of(HttpStatus.FORBIDDEN, "The resource belongs to another service owner");
            }
        });
        if (!body.serviceOwnerOrgNo().equals(caller.orgNo())) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "serviceOwnerOrgNo must be the organisation in the token");
        }
        List<ResourceRegistry.AccessEntry> entries = body.accessList() == null ? List.of() : body.accessList().stream()
                .map(e -> new ResourceRegistry.AccessEntry(Parties.normalize(e.party()), e.actions() == null ? List.of() : e.actions()))
                .toList();
        registry.put(new ResourceRegistry.RegisteredResource(resourceId, body.title(), body.serviceOwnerOrgNo(), entries,
                Boolean.TRUE.equals(body.confidential()),
                body.minimumAuthenticationLevel() == null ? 0 : body.minimumAuthenticationLevel()));
        return registry.find(resourceId).orElseThrow();
    }

    @GetMapping("/{resourceId}")
    ResourceRegistry.RegisteredResource get(@PathVariable String resourceId) {
        Caller caller = callers.current();
        ResourceRegistry.RegisteredResource resource = registry.find(resourceId)
                .orElseThrow(() -> ApiProblem.of(HttpStatus.NOT_FOUND, "No resource with id " + resourceId));
        if (!resource.serviceOwnerOrgNo().equals(caller.orgNo())
                && resource.accessList().stream().noneMatch(e -> e.party().equals(caller.party()))) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "No resource with id " + resourceId);
        }
        return resource;
    }

    private Caller requireServiceOwner() {
        Caller caller = callers.current();
        if (!caller.has(Scopes.SERVICE_OWNER) || caller.party() == null) {
            throw ApiProblem.of(HttpStatus.FORBIDDEN, "A service owner token (scope altinn:serviceowner) is required");
        }
        return caller;
    }
}
