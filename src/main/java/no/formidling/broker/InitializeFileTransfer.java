package no.formidling.broker;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.auth.ResourceRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates a file transfer, with upstream's checks in upstream's order, and starts its process. */
@Service
class InitializeFileTransfer {
    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final BrokerResourceService resources;
    private final ResourceRegistry registry;
    private final FileTransferProcess process;
    private final Clock clock;

    InitializeFileTransfer(FileTransferRepository transfers, FileTransferStatusService statuses, BrokerResourceService resources,
                           ResourceRegistry registry, FileTransferProcess process, Clock clock) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.resources = resources;
        this.registry = registry;
        this.process = process;
        this.clock = clock;
    }

    /** Creates a transfer (or, with a known idempotency key, returns the one it created before). */
    @Transactional
    public UUID handle(Caller caller, InitializeCommand cmd, String idempotencyKey) {
        String resourceId = resourceIdOf(cmd.resourceId());
        String sender = Parties.normalize(cmd.sender());
        if (caller.party() == null || !caller.party().equals(sender) || !caller.mayUse(resourceId)) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        List<String> recipients = cmd.recipients().stream().map(Parties::normalize).distinct().toList();
        ResourceRegistry.Access access = registry.access(resourceId, sender, recipients);
        // Write access exists only on a registered resource, so this also covers upstream's "unknown resource" (5).
        if (!access.writerCanWrite()) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
        var configured = resources.findWithOwner(resourceId).orElseThrow(BrokerError.RESOURCE_NOT_CONFIGURED::problem);
        if (!configured.serviceOwnerRegistered()) {
            throw BrokerError.SERVICE_OWNER_NOT_CONFIGURED.problem();
        }
        BrokerResource resource = configured.resource();
        if (cmd.disableVirusScan() && !resource.approvedForDisabledVirusScan()) {
            throw BrokerError.NOT_APPROVED_FOR_DISABLED_VIRUS_SCAN.problem();
        }
        if (access.readersThatCanRead() < recipients.size()) {
            throw BrokerError.RECIPIENT_NOT_IN_ACCESS_LIST.problem();
        }
        if (resource.requiredParty() != null && !resource.requiredParty().equals(sender)) {
            if (recipients.size() > 1) {
                throw BrokerError.REQUIRED_PARTY_TOO_MANY_RECIPIENTS.problem();
            }
            if (!recipients.get(0).equals(resource.requiredParty())) {
                throw BrokerError.REQUIRED_PARTY_MISSING.problem();
            }
        }
        if (idempotencyKey != null) {
            var existing = transfers.findByIdempotencyKey(sender, idempotencyKey);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Instant now = Instant.now(clock);
        FileTransfer transfer = new FileTransfer(UUID.randomUUID(), resourceId, cmd.fileName(), cmd.sendersFileTransferReference(),
                sender, cmd.sender().trim(), blankToNull(cmd.checksum()), !cmd.disableVirusScan(), null,
                cmd.propertyList() == null ? Map.of() : cmd.propertyList(), FileTransferStatus.Initialized, null, now, now,
                now.plus(resource.timeToLive()), null,
                recipients.stream().map(r -> new FileTransfer.Recipient(r, RecipientStatus.Initialized, now)).toList());
        if (!transfers.insert(transfer, idempotencyKey)) {
            // Another request with the same key committed while this one ran (read committed sees it now).
            return transfers.findByIdempotencyKey(sender, idempotencyKey).orElseThrow();
        }
        statuses.initialized(transfer);
        process.start(transfer, resource.gracePeriod(), resource.purgeAfterAllConfirmed());
        return transfer.id();
    }

    static String resourceIdOf(String resourceId) {
        int colon = resourceId.lastIndexOf(':');
        return colon < 0 ? resourceId : resourceId.substring(colon + 1);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
