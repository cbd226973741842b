package no.formidling.broker;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import no.formidling.auth.Caller;
import no.formidling.auth.CallerResolver;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Service-owner endpoints: register as a Broker service owner and configure resources. */
@RestController
@RequestMapping("/broker/api/v1")
@Tag(name = "Service owner", description = "Service owner and resource configuration (scope altinn:serviceowner)")
class ServiceOwnerController {

    record ServiceOwnerInitializeExt(@NotBlank(message = "The Name field is required.") @Size(max = 255) String name) {
    }

    record StorageProviderExt(String type, String deploymentStatus, String deploymentEnvironment) {
    }

    record ServiceOwnerOverviewExt(String name, List<StorageProviderExt> storageProviders) {
    }

    record ResourceExt(Long maxFileTransferSize, String fileTransferTimeToLive, Boolean purgeFileTransferAfterAllRecipientsConfirmed,
                       String purgeFileTransferGracePeriod, Boolean useManifestFileShim, String externalServiceCodeLegacy,
                       Integer externalServiceEditionCodeLegacy, String requiredParty,
                       @JsonAlias("approvedForDisableVirusScan") Boolean approvedForDisabledVirusScan) {
    }

    private final BrokerResourceService resources;
    private final CallerResolver callers;

    ServiceOwnerController(BrokerResourceService resources, CallerResolver callers) {
        this.resources = resources;
        this.callers = callers;
    }

    @PostMapping("/serviceowner")
    ResponseEntity<Void> initialize(@Valid @RequestBody ServiceOwnerInitializeExt body) {
        resources.initializeServiceOwner(serviceOwner().orgNo(), body.name());
        return ResponseEntity.ok().build();
    }

    @GetMapping("/serviceowner")
    ServiceOwnerOverviewExt get() {
        String name = resources.serviceOwnerName(serviceOwner().orgNo()).orElseThrow(BrokerError.SERVICE_OWNER_NOT_FOUND::problem);
        return new ServiceOwnerOverviewExt(name, List.of(
                new StorageProviderExt("AltinnAzure", "Ready", "Formidling")));
    }

    @PutMapping("/resource/{resourceId}")
    ResponseEntity<Void> configure(@PathVariable String resourceId, @RequestBody ResourceExt body) {
        resources.configure(resourceId, serviceOwner().orgNo(), new BrokerResourceService.Update(body.maxFileTransferSize(),
                body.fileTransferTimeToLive(), body.purgeFileTransferAfterAllRecipientsConfirmed(), body.purgeFileTransferGracePeriod(),
                body.useManifestFileShim(), body.externalServiceCodeLegacy(), body.externalServiceEditionCodeLegacy(), body.requiredParty(),
                body.approvedForDisabledVirusScan()));
        return ResponseEntity.ok().build();
    }

    @GetMapping("/resource/{resourceId}")
    ResourceExt getResource(@PathVariable String resourceId) {
        BrokerResource r = resources.getAsOwner(resourceId, serviceOwner().orgNo());
        return new ResourceExt(r.maxFileTransferSize(), TimeSpans.format(r.timeToLive()), r.purgeAfterAllConfirmed(),
                TimeSpans.format(r.gracePeriod()), r.useManifestFileShim(), r.externalServiceCodeLegacy(),
                r.externalServiceEditionCodeLegacy(), r.requiredParty(), r.approvedForDisabledVirusScan());
    }

    private Caller serviceOwner() {
        Caller caller = callers.current();
        if (caller.orgNo() == null) {
            throw BrokerError.CALLER_ORGANIZATION_NOT_FOUND.problem();
        }
        return caller;
    }
}
