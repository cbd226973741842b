package no.formidling.correspondence;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Upstream's AttachmentController (shared attachments, sender side) and the recipient's attachment downloads. */
@RestController
@RequestMapping("/correspondence/api/v1")
@Tag(name = "Correspondence attachments", description = "Altinn 3 Correspondence attachments")
class AttachmentController {
    private final SharedAttachments shared;
    private final AttachmentUploads uploads;
    private final RecipientDownloads downloads;
    private final CorrespondenceAccess access;

    AttachmentController(SharedAttachments shared, AttachmentUploads uploads, RecipientDownloads downloads, CorrespondenceAccess access) {
        this.shared = shared;
        this.uploads = uploads;
        this.downloads = downloads;
        this.access = access;
    }

    @PostMapping(path = "/attachment", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    UUID initialize(@Valid @RequestBody InitializeAttachmentExt request) {
        return shared.initialize(access.caller(), request);
    }

    @PostMapping(path = "/attachment/{attachmentId}/upload", produces = MediaType.APPLICATION_JSON_VALUE)
    AttachmentAnswers.AttachmentOverviewExt upload(@PathVariable UUID attachmentId, HttpServletRequest request) throws IOException {
        var caller = access.caller();
        shared.own(caller, attachmentId);
        uploads.upload(attachmentId, caller.party(), request.getInputStream(), request.getContentLengthLong(), true);
        return shared.overview(caller, attachmentId);
    }

    @GetMapping(path = "/attachment/{attachmentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    AttachmentAnswers.AttachmentOverviewExt overview(@PathVariable UUID attachmentId) {
        return shared.overview(access.caller(), attachmentId);
    }

    @GetMapping(path = "/attachment/{attachmentId}/details", produces = MediaType.APPLICATION_JSON_VALUE)
    AttachmentAnswers.AttachmentDetailsExt details(@PathVariable UUID attachmentId) {
        return shared.details(access.caller(), attachmentId);
    }

    @DeleteMapping(path = "/attachment/{attachmentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    UUID purge(@PathVariable UUID attachmentId) {
        return shared.purge(access.caller(), attachmentId);
    }

    @GetMapping("/attachment/{attachmentId}/download")
    void senderDownload(@PathVariable UUID attachmentId, HttpServletResponse response) throws IOException {
        Attachment a = shared.forSenderDownload(access.caller(), attachmentId);
        file(response, a);
        shared.copy(a, response.getOutputStream());
    }

    @GetMapping({"/correspondence/{correspondenceId}/attachment/{attachmentId}/download",
            "/legacy/correspondence/{correspondenceId}/attachment/{attachmentId}/download"})
    void recipientDownload(@PathVariable UUID correspondenceId, @PathVariable UUID attachmentId, HttpServletResponse response) throws IOException {
        Attachment a = downloads.one(correspondenceId, attachmentId);
        file(response, a);
        downloads.copy(a, response.getOutputStream());
    }

    @GetMapping("/correspondence/{correspondenceId}/attachments/downloadall")
    void downloadAll(@PathVariable UUID correspondenceId, HttpServletResponse response) throws IOException {
        var files = downloads.all(correspondenceId);
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", ContentDisposition.attachment()
                .filename("correspondence-" + correspondenceId + ".zip", StandardCharsets.UTF_8).build().toString());
        downloads.zip(files, response.getOutputStream());
    }

    static void file(HttpServletResponse response, Attachment a) {
        response.setContentType(Attachments.contentType(a.fileName()));
        response.setContentLengthLong(a.size());
        response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(a.fileName(), StandardCharsets.UTF_8).build().toString());
    }
}
