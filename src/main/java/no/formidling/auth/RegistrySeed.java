package no.formidling.auth;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Loads resources and access lists declared under {@code formidling.registry.resources} at startup. */
@Component
@Order(0)
@EnableConfigurationProperties(RegistrySeed.RegistryProperties.class)
class RegistrySeed implements ApplicationRunner {

    @ConfigurationProperties("formidling.registry")
    record RegistryProperties(List<Resource> resources) {
        RegistryProperties {
            resources = resources == null ? List.of() : resources;
        }

        record Resource(String resourceId, String title, String serviceOwnerOrgNo, List<Access> accessList, boolean confidential,
                        int minimumAuthenticationLevel) {
        }

        record Access(String party, List<String> actions) {
        }
    }

    private final ResourceRegistry registry;
    private final RegistryProperties properties;

    RegistrySeed(ResourceRegistry registry, RegistryProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (RegistryProperties.Resource r : properties.resources()) {
            List<ResourceRegistry.AccessEntry> entries = r.accessList() == null ? List.of() : r.accessList().stream()
                    .map(a -> {
                        String party = Parties.normalize(a.party());
                        if (party == null) {
                            throw new IllegalStateException("formidling.registry.resources[" + r.resourceId() + "].accessList: '"
                                    + a.party() + "' is not 0192:<orgNo> or urn:altinn:organization:identifier-no:<orgNo>");
                        }
                        return new ResourceRegistry.AccessEntry(party, a.actions() == null ? List.of("write", "read") : a.actions());
                    }).toList();
            registry.put(new ResourceRegistry.RegisteredResource(r.resourceId(), r.title(), r.serviceOwnerOrgNo(), entries, r.confidential(),
                    r.minimumAuthenticationLevel()));
        }
    }
}
