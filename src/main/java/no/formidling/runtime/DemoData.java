package no.formidling.runtime;

import java.util.ArrayList;
import java.util.List;
import no.formidling.auth.Parties;
import no.formidling.auth.ResourceRegistry;
import no.formidling.broker.BrokerResourceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A first start ready to try: a demo service owner with a Broker resource that two demo organisations may
 * both send and receive under. Idempotent; existing configuration is left as it is.
 */
@Component
@Order(1)
@ConditionalOnProperty(name = "formidling.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private final ResourceRegistry registry;
    private final BrokerResourceService broker;
    private final String ownerOrgNo;
    private final String resourceId;
    private final List<String> organisations;

    DemoData(ResourceRegistry registry, BrokerResourceService broker,
             @Value("${formidling.demo.service-owner-org-no}") String ownerOrgNo,
             @Value("${formidling.demo.resource-id}") String resourceId,
             @Value("${formidling.demo.organisations}") List<String> organisations) {
        this.registry = registry;
        this.broker = broker;
        this.ownerOrgNo = ownerOrgNo;
        this.resourceId = resourceId;
        this.organisations = organisations;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (registry.find(resourceId).isEmpty()) {
            List<ResourceRegistry.AccessEntry> access = new ArrayList<>();
            organisations.forEach(org -> access.add(new ResourceRegistry.AccessEntry(Parties.ofOrgNo(org), List.of("write", "read"))));
            registry.put(new ResourceRegistry.RegisteredResource(resourceId, "Formidling demo resource", ownerOrgNo, access));
        }
        if (broker.serviceOwnerName(ownerOrgNo).isEmpty()) {
            broker.initializeServiceOwner(ownerOrgNo, "Demo service owner");
        }
        broker.configureIfMissing(resourceId, ownerOrgNo);
        log.info("Demo data: service owner {}, resource '{}', organisations {} (send and receive)", ownerOrgNo, resourceId, organisations);
    }
}
