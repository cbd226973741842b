package no.formidling.broker;

import java.util.List;
import java.util.UUID;
import no.formidling.auth.Caller;
import org.springframework.stereotype.Service;

/** A transfer the caller may see, with the history of its status and of each recipient's status. */
@Service
class GetFileTransferDetails {
    /** The transfer and both its histories, oldest first. */
    record Details(FileTransfer transfer, List<FileTransferRepository.HistoryEntry> statusHistory,
                          List<FileTransferRepository.HistoryEntry> recipientHistory) {
    }

    private final GetFileTransferOverview overview;
    private final FileTransferRepository transfers;

    GetFileTransferDetails(GetFileTransferOverview overview, FileTransferRepository transfers) {
        this.overview = overview;
        this.transfers = transfers;
    }

    public Details handle(Caller caller, UUID id) {
        FileTransfer t = overview.handle(caller, id);
        return new Details(t, transfers.statusHistory(t.id()), transfers.recipientHistory(t.id()));
    }
}
