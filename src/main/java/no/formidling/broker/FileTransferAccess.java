package no.formidling.broker;

import java.util.UUID;
import no.formidling.auth.Caller;
import org.springframework.stereotype.Component;

/** Who may act on a transfer: its sender or one of its recipients, with a token for the transfer's resource. */
@Component
public class FileTransferAccess {
    private final FileTransferRepository transfers;

    FileTransferAccess(FileTransferRepository transfers) {
        this.transfers = transfers;
    }

    /** The transfer as its sender sees it, for resumable-upload requests after the upload was created. */
    public FileTransfer asSender(Caller caller, UUID id) {
        FileTransfer t = transfers.find(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        requireSender(caller, t);
        return t;
    }

    static void requireSender(Caller caller, FileTransfer t) {
        if (!t.isSender(caller.party()) || !caller.mayUse(t.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
    }

    static void requireRecipient(Caller caller, FileTransfer t) {
        if (!t.isRecipient(caller.party()) || !caller.mayUse(t.resourceId())) {
            throw BrokerError.NO_ACCESS_TO_RESOURCE.problem();
        }
    }
}
