package no.formidling.broker;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.auth.Caller;
import no.formidling.auth.CallerResolver;
import no.formidling.web.ApiProblem;
import no.formidling.web.ValidationProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Altinn 3 Broker file-transfer endpoints. */
@RestController
@RequestMapping("/broker/api/v1/filetransfer")
@Tag(name = "File transfer", description = "Altinn 3 Broker file transfers")
class FileTransferController {
    private final CallerResolver callers;
    private final InitializeFileTransfer initialize;
    private final UploadFile upload;
    private final MultipartInitializeAndUpload multipart;
    private final GetFileTransferOverview overview;
    private final GetFileTransferDetails details;
    private final GetFileTransfers search;
    private final DownloadFile download;
    private final ConfirmDownload confirm;
    private final CancelFileTransfer cancel;

    FileTransferController(CallerResolver callers, InitializeFileTransfer initialize, UploadFile upload, MultipartInitializeAndUpload multipart,
                           GetFileTransferOverview overview, GetFileTransferDetails details, GetFileTransfers search, DownloadFile download,
                           ConfirmDownload confirm, CancelFileTransfer cancel) {
        this.callers = callers;
        this.initialize = initialize;
        this.upload = upload;
        this.multipart = multipart;
        this.overview = overview;
        this.details = details;
        this.search = search;
        this.download = download;
        this.confirm = confirm;
        this.cancel = cancel;
    }

    @Operation(summary = "Initialize a file transfer (scope altinn:broker.write; the scopes of every endpoint are enforced in SecurityConfig)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    FileTransferViews.FileTransferIdExt initialize(@RequestBody FileTransferInitalizeExt body,
                                                   @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Caller caller = callers.current();
        Map<String, List<String>> errors = body.validate("");
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors);
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw ValidationProblem.of("Idempotency-Key", "The Idempotency-Key header must be 1 to 255 characters.");
        }
        return new FileTransferViews.FileTransferIdExt(initialize.handle(caller, body.toCommand(), idempotencyKey));
    }

    @Operation(summary = "Upload the file of an initialized transfer as a streamed application/octet-stream body")
    @PostMapping(path = "/{fileTransferId}/upload", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    FileTransferViews.FileTransferIdExt upload(@PathVariable UUID fileTransferId, HttpServletRequest request) throws IOException {
        Caller caller = callers.current();
        return new FileTransferViews.FileTransferIdExt(upload.handle(caller, fileTransferId, request.getInputStream(), request.getContentLengthLong()));
    }

    @Operation(summary = "Initialize and upload in one multipart/form-data request (Metadata.* fields, then FileTransfer)")
    @PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    FileTransferViews.FileTransferIdExt initializeAndUpload(HttpServletRequest request,
                                                            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Caller caller = callers.current();
        return new FileTransferViews.FileTransferIdExt(multipart.handle(caller, request, idempotencyKey));
    }

    @Operation(summary = "Overview of a transfer (sender, recipient or the resource's service owner)")
    @GetMapping(path = "/{fileTransferId}", produces = MediaType.APPLICATION_JSON_VALUE)
    FileTransferViews.FileTransferOverviewExt overview(@PathVariable UUID fileTransferId) {
        return FileTransferViews.overview(overview.handle(callers.current(), fileTransferId));
    }

    @Operation(summary = "Overview plus the status history of the transfer and of each recipient")
    @GetMapping(path = "/{fileTransferId}/details", produces = MediaType.APPLICATION_JSON_VALUE)
    FileTransferViews.FileTransferStatusDetailsExt details(@PathVariable UUID fileTransferId) {
        GetFileTransferDetails.Details d = details.handle(callers.current(), fileTransferId);
        return FileTransferViews.details(d.transfer(), d.statusHistory(), d.recipientHistory());
    }

    @Operation(summary = "Search the caller's transfers under a resource (at most 100 ids)")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<UUID> search(@RequestParam(required = false) String resourceId, @RequestParam(required = false) FileTransferStatus status,
                      @RequestParam(required = false) RecipientStatus recipientStatus, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @RequestParam(required = false) Boolean orderAscending,
                      @RequestParam(required = false) String role) {
        Caller caller = callers.current();
        if (resourceId == null || resourceId.isBlank()) {
            throw ValidationProblem.of("resourceId", "The resourceId field is required.");
        }
        // Enum values bind by name or number (AspNetEnumConverterFactory); anything else never reaches this method.
        FileTransferSearch.Role searchRole = recipientStatus != null ? FileTransferSearch.Role.RECIPIENT : role(role);
        return search.handle(caller, new FileTransferSearch(resourceId, caller.party(), searchRole,
                status, recipientStatus, time("from", from), time("to", to),
                Boolean.TRUE.equals(orderAscending)));
    }

    @Operation(summary = "Download the file (recipient); supports a single Range")
    @GetMapping(path = "/{fileTransferId}/download")
    void download(@PathVariable UUID fileTransferId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = callers.current();
        download.handle(caller, fileTransferId, request, response);
    }

    /** Upstream answers HEAD with 405; a HEAD must not count as a download attempt. */
    @RequestMapping(path = "/{fileTransferId}/download", method = RequestMethod.HEAD)
    void downloadHead(@PathVariable UUID fileTransferId) {
        throw ApiProblem.of(HttpStatus.METHOD_NOT_ALLOWED, "Use GET to download the file.");
    }

    @Operation(summary = "Confirm the download (recipient); confirming again changes nothing")
    @PostMapping(path = "/{fileTransferId}/confirmdownload")
    ResponseEntity<Void> confirmDownload(@PathVariable UUID fileTransferId) {
        confirm.handle(callers.current(), fileTransferId);
        return ResponseEntity.ok().build();
    }

    @Operation(summary = "Cancel the transfer (sender; our extension): Cancelled, then the file is purged")
    @DeleteMapping(path = "/{fileTransferId}")
    ResponseEntity<Void> cancel(@PathVariable UUID fileTransferId) {
        cancel.handle(callers.current(), fileTransferId);
        return ResponseEntity.ok().build();
    }

    private static FileTransferSearch.Role role(String role) {
        if (role == null || role.isBlank()) {
            return FileTransferSearch.Role.EITHER;
        }
        return switch (role.trim().toLowerCase()) {
            case "recipient", "0" -> FileTransferSearch.Role.RECIPIENT;
            case "sender", "1" -> FileTransferSearch.Role.SENDER;
            default -> throw ValidationProblem.of("role", "The value '" + role + "' is not valid.");
        };
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ValidationProblem.of(name, "The value '" + value + "' is not valid.");
            }
        }
    }
}
