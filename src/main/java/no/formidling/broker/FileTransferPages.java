package no.formidling.broker;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.web.ValidationProblem;
import org.springframework.stereotype.Service;

/**
 * What the web pages ask of the Broker, answered by the same use cases and access checks as the API: a page sees a
 * transfer only when its caller could see it over the API.
 */
@Service
public class FileTransferPages {
    /** One entry of a transfer's history, newest last; {@code party} is set for a recipient's step. */
    public record Step(String party, String status, String description, Instant at) {
    }

    private final InitializeFileTransfer initialize;
    private final GetFileTransferOverview overview;
    private final DownloadFile download;
    private final ConfirmDownload confirm;
    private final CancelFileTransfer cancel;
    private final FileTransferRepository transfers;

    FileTransferPages(InitializeFileTransfer initialize, GetFileTransferOverview overview, DownloadFile download,
                      ConfirmDownload confirm, CancelFileTransfer cancel, FileTransferRepository transfers) {
        this.initialize = initialize;
        this.overview = overview;
        this.download = download;
        this.confirm = confirm;
        this.cancel = cancel;
        this.transfers = transfers;
    }

    public FileTransfer get(Caller caller, UUID id) {
        return overview.handle(caller, id);
    }

    /**
     * The status a person reads: a cancelled transfer stays "Cancelled" once its file is deleted, where the API, as
     * upstream's, says Purged.
     */
    public FileTransferStatus shownStatus(FileTransfer t) {
        return t.status() == FileTransferStatus.Purged && wasCancelled(transfers.statusHistory(t.id()))
                ? FileTransferStatus.Cancelled : t.status();
    }

    private static boolean wasCancelled(List<FileTransferRepository.HistoryEntry> history) {
        return history.stream().anyMatch(h -> FileTransferStatus.Cancelled.name().equals(h.status()));
    }

    /**
     * Initialize with the API's validation and rules; the bytes then come through the API's upload endpoints (TUS from
     * the send page) and are checked against {@code checksum} (MD5 hex, or null). Invalid fields throw {@link ValidationProblem}.
     */
    public UUID initialize(Caller caller, String resourceId, String fileName, List<String> recipients, String sendersReference,
                           String checksum) {
        FileTransferInitalizeExt body = new FileTransferInitalizeExt();
        body.fileName = fileName;
        body.resourceId = resourceId;
        body.sendersFileTransferReference = sendersReference;
        body.sender = caller.party() == null ? "" : caller.party();
        body.recipients = recipients;
        body.propertyList = Map.of();
        body.checksum = checksum == null || checksum.isBlank() ? null : checksum;
        Map<String, List<String>> errors = body.validate("");
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors);
        }
        return initialize.handle(caller, body.toCommand(), null);
    }

    /** Streams the file to the browser with the API's headers; the recipient's status becomes DownloadStarted. */
    public void download(Caller caller, UUID id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        download.handle(caller, id, request, response);
    }

    public void confirm(Caller caller, UUID id) {
        confirm.handle(caller, id);
    }

    public void cancel(Caller caller, UUID id) {
        cancel.handle(caller, id);
    }
}
