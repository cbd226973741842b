package no.formidling.broker;

import java.util.UUID;
import no.formidling.auth.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A transfer the caller may see: its sender, one of its recipients, or the resource's service owner. */
@Service
class GetFileTransferOverview {
    private final FileTransferRepository transfers;
    private final BrokerResourceService resources;
    private final TransactionTemplate readOnly;

    GetFileTransferOverview(FileTransferRepository transfers, BrokerResourceService resources, TransactionTemplate tx) {
        this.transfers = transfers;
        this.resources = resources;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    public FileTransfer handle(Caller caller, UUID id) {
        // One read-only transaction: one connection and one commit instead of one per statement.
        return readOnly.execute(s -> {
            FileTransfer t = transfers.find(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
            if (caller.party() == null || !caller.mayUse(t.resourceId())) {
                throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
            }
            if (t.isSender(caller.party()) || t.isRecipient(caller.party()) || isServiceOwner(caller, t)) {
                return t;
            }
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        });
    }

    private boolean isServiceOwner(Caller caller, FileTransfer t) {
        return resources.find(t.resourceId()).map(r -> r.serviceOwnerOrgNo().equals(caller.orgNo())).orElse(false);
    }
}
