package no.formidling.broker;

import java.util.List;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.ResourceRegistry;
import org.springframework.stereotype.Service;

/** Searches the transfers of one resource that the caller sends or receives; at most 100 ids. */
@Service
class GetFileTransfers {
    private static final int LIMIT = 100;

    private final FileTransferRepository transfers;
    private final BrokerResourceService resources;
    private final ResourceRegistry registry;

    GetFileTransfers(FileTransferRepository transfers, BrokerResourceService resources, ResourceRegistry registry) {
        this.transfers = transfers;
        this.resources = resources;
        this.registry = registry;
    }

    List<UUID> handle(Caller caller, FileTransferSearch search) {
        if (caller.party() == null || !caller.mayUse(search.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        if (!registry.canRead(search.resourceId(), caller.party()) && !registry.canWrite(search.resourceId(), caller.party())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        if (resources.find(search.resourceId()).isEmpty()) {
            throw BrokerError.INVALID_RESOURCE_DEFINITION.problem();
        }
        return transfers.search(search, LIMIT);
    }
}
