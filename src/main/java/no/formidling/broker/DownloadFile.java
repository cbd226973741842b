package no.formidling.broker;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import no.formidling.auth.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A recipient downloads the file: check the caller may download now and record that the recipient started (one
 * short transaction), then stream the bytes outside it.
 */
@Service
class DownloadFile {
    private final FileTransferRepository transfers;
    private final FileTransferStatusService statuses;
    private final FileDownloads downloads;
    private final TransactionTemplate tx;

    DownloadFile(FileTransferRepository transfers, FileTransferStatusService statuses, FileDownloads downloads, TransactionTemplate tx) {
        this.transfers = transfers;
        this.statuses = statuses;
        this.downloads = downloads;
        this.tx = tx;
    }

    void handle(Caller caller, UUID id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        downloads.send(tx.execute(s -> start(caller, id)), request, response);
    }

    private FileTransfer start(Caller caller, UUID id) {
        FileTransfer t = transfers.find(id).orElseThrow(BrokerError.FILE_TRANSFER_NOT_FOUND::problem);
        FileTransferAccess.requireRecipient(caller, t);
        if (!t.status().downloadable()) {
            throw BrokerError.NOT_AVAILABLE_FOR_DOWNLOAD.problem();
        }
        if (t.size() == null) {
            throw BrokerError.NO_FILE_UPLOADED.problem();
        }
        if (t.recipient(caller.party()).status() == RecipientStatus.Initialized) {
            statuses.changeRecipient(t, caller.party(), RecipientStatus.DownloadStarted, RecipientStatus.Initialized);
        }
        return t;
    }
}
