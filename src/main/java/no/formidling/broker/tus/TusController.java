package no.formidling.broker.tus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.formidling.auth.CallerResolver;
import no.formidling.broker.BrokerError;
import no.formidling.web.ApiProblem;
import no.formidling.web.ProblemHandler;
import no.formidling.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * TUS 1.0 at upstream's paths: {@code /upload/tus/{fileTransferId}} for a whole upload (and for creating parts and
 * the final join), {@code /upload/tus/{fileTransferId}/partial/{partialId}} for one part of a parallel upload.
 * Header rules live here; the use cases in {@link TusUploads}.
 */
@RestController
@RequestMapping(TusController.BASE)
@Tag(name = "File transfer", description = "Altinn 3 Broker file transfers")
class TusController {
    static final String BASE = "/broker/api/v1/filetransfer/upload/tus";
    static final String VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,termination,concatenation,expiration";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    private static final Pattern NUMBER = Pattern.compile("\\d{1,19}");
    private static final Pattern PART_URL = Pattern.compile("(?:^|/)upload/tus/([0-9a-fA-F-]{36})/partial/([0-9a-fA-F-]{36})/?$");

    private final TusUploads uploads;
    private final TusExpiration expiry;
    private final CallerResolver callers;
    private final long maxSize;

    TusController(TusUploads uploads, TusExpiration expiry, CallerResolver callers, @Value("${formidling.broker.max-file-size:107374182400}") long maxSize) {
        this.uploads = uploads;
        this.expiry = expiry;
        this.callers = callers;
        this.maxSize = maxSize;
    }

    @Operation(summary = "TUS: the server's capabilities (versions, extensions, largest upload)")
    @RequestMapping(path = {"/{fileTransferId}", "/{fileTransferId}/partial/{partialId}"}, method = RequestMethod.OPTIONS)
    ResponseEntity<Void> options() {
        return ResponseEntity.noContent().headers(tus()).header("Tus-Version", VERSION).header("Tus-Extension", EXTENSIONS)
                .header("Tus-Max-Size", Long.toString(maxSize)).build();
    }

    @Operation(summary = "TUS: create an upload (Upload-Length), a part (Upload-Concat: partial) or join parts (Upload-Concat: final;…)")
    @RequestMapping(path = "/{fileTransferId}", method = RequestMethod.POST)
    ResponseEntity<Void> create(@PathVariable String fileTransferId, HttpServletRequest request,
                                @RequestHeader(name = "Upload-Length", required = false) String uploadLength,
                                @RequestHeader(name = "Upload-Defer-Length", required = false) String deferLength,
                                @RequestHeader(name = "Upload-Concat", required = false) String concat) {
        requireTusResumable(request);
        UUID transferId = transferId(fileTransferId);
        if (concat != null && concat.trim().startsWith("final")) {
            if (uploadLength != null) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, "A final upload takes no Upload-Length; it is the sum of its parts.");
            }
            TusUpload joined = uploads.concatenate(callers.current(), transferId, partIds(transferId, concat.trim()));
            return ResponseEntity.created(URI.create(BASE + "/" + transferId)).headers(tus())
                    .header("Upload-Offset", Long.toString(joined.offset())).build();
        }
        if (concat != null && !concat.trim().equals("partial")) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "Upload-Concat is 'partial' or 'final;<part urls>'.");
        }
        if (deferLength != null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "Upload-Defer-Length is not supported; send Upload-Length.");
        }
        if (uploadLength == null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The Upload-Length header is required.");
        }
        long length = number("Upload-Length", uploadLength);
        if (length > maxSize) {
            throw BrokerError.FILE_TOO_BIG.problem();
        }
        TusUpload upload = uploads.create(callers.current(), transferId, length, concat != null);
        String location = upload.kind() == TusUpload.Kind.PARTIAL ? BASE + "/" + transferId + "/partial/" + upload.id() : BASE + "/" + transferId;
        return ResponseEntity.created(URI.create(location)).headers(tus()).header(TusExpiration.UPLOAD_EXPIRES, TusExpiration.httpDate(expiry.expiresAt(upload))).build();
    }

    @Operation(summary = "TUS: how many bytes the upload holds (Upload-Offset) of Upload-Length")
    @RequestMapping(path = "/{fileTransferId}", method = RequestMethod.HEAD)
    ResponseEntity<Void> head(@PathVariable String fileTransferId, HttpServletRequest request) {
        return head(fileTransferId, fileTransferId, request);
    }

    @Operation(summary = "TUS: how many bytes a part holds")
    @RequestMapping(path = "/{fileTransferId}/partial/{partialId}", method = RequestMethod.HEAD)
    ResponseEntity<Void> headPart(@PathVariable String fileTransferId, @PathVariable String partialId, HttpServletRequest request) {
        return head(fileTransferId, partialId, request);
    }

    @Operation(summary = "TUS: append a chunk at Upload-Offset (application/offset+octet-stream); answers the new offset")
    @RequestMapping(path = "/{fileTransferId}", method = RequestMethod.PATCH)
    ResponseEntity<Void> patch(@PathVariable String fileTransferId, HttpServletRequest request) throws IOException {
        return patch(fileTransferId, fileTransferId, request);
    }

    @Operation(summary = "TUS: append a chunk to a part")
    @RequestMapping(path = "/{fileTransferId}/partial/{partialId}", method = RequestMethod.PATCH)
    ResponseEntity<Void> patchPart(@PathVariable String fileTransferId, @PathVariable String partialId, HttpServletRequest request)
            throws IOException {
        return patch(fileTransferId, partialId, request);
    }

    @Operation(summary = "TUS: terminate an unfinished upload and drop its bytes")
    @RequestMapping(path = "/{fileTransferId}", method = RequestMethod.DELETE)
    ResponseEntity<Void> terminate(@PathVariable String fileTransferId, HttpServletRequest request) {
        return terminate(fileTransferId, fileTransferId, request);
    }

    @Operation(summary = "TUS: terminate an unfinished part")
    @RequestMapping(path = "/{fileTransferId}/partial/{partialId}", method = RequestMethod.DELETE)
    ResponseEntity<Void> terminatePart(@PathVariable String fileTransferId, @PathVariable String partialId, HttpServletRequest request) {
        return terminate(fileTransferId, partialId, request);
    }

    /** Problems keep the TUS headers, so a TUS client reads them as protocol answers. */
    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> problem(ApiProblem e) {
        // TUS requires 413 for an Upload-Length over the limit; the Broker's code (16) still says which limit.
        HttpStatus status = BrokerError.FILE_TOO_BIG.code().equals(e.code()) ? HttpStatus.PAYLOAD_TOO_LARGE : e.status();
        ResponseEntity<Object> body = ProblemHandler.respond(Problems.of(status, e.code(), e.getMessage()));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(body.getHeaders());
        headers.addAll(tus());
        if (status == HttpStatus.PRECONDITION_FAILED) {
            headers.set("Tus-Version", VERSION);
        }
        return new ResponseEntity<>(body.getBody(), headers, body.getStatusCode());
    }

    private ResponseEntity<Void> head(String fileTransferId, String uploadId, HttpServletRequest request) {
        requireTusResumable(request);
        UUID transferId = transferId(fileTransferId);
        TusUpload upload = uploads.head(callers.current(), transferId, uploadId(uploadId));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().headers(tus()).cacheControl(org.springframework.http.CacheControl.noStore())
                .header("Upload-Offset", Long.toString(upload.offset())).header("Upload-Length", Long.toString(upload.length()));
        if (upload.state() == TusUpload.State.OPEN) {
            answer.header(TusExpiration.UPLOAD_EXPIRES, TusExpiration.httpDate(expiry.expiresAt(upload)));
        }
        if (upload.kind() == TusUpload.Kind.PARTIAL) {
            answer.header("Upload-Concat", "partial");
        } else if (upload.kind() == TusUpload.Kind.FINAL) {
            answer.header("Upload-Concat", "final;" + String.join(" ", upload.parts().stream()
                    .map(p -> BASE + "/" + transferId + "/partial/" + p).toList()));
        }
        return answer.build();
    }

    private ResponseEntity<Void> patch(String fileTransferId, String uploadId, HttpServletRequest request) throws IOException {
        requireTusResumable(request);
        String type = request.getContentType();
        if (type == null || !type.split(";")[0].trim().equalsIgnoreCase(OFFSET_OCTET_STREAM)) {
            throw ApiProblem.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "A TUS PATCH is sent as Content-Type: " + OFFSET_OCTET_STREAM + ".");
        }
        String offsetHeader = request.getHeader("Upload-Offset");
        if (offsetHeader == null) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The Upload-Offset header is required.");
        }
        long offset = number("Upload-Offset", offsetHeader);
        UUID transferId = transferId(fileTransferId);
        long newOffset = uploads.append(callers.current(), transferId, uploadId(uploadId), offset, request.getContentLengthLong(),
                request.getInputStream());
        return ResponseEntity.noContent().headers(tus()).header("Upload-Offset", Long.toString(newOffset))
                .header(TusExpiration.UPLOAD_EXPIRES, TusExpiration.httpDate(expiry.expiresFromNow())).build();
    }

    private ResponseEntity<Void> terminate(String fileTransferId, String uploadId, HttpServletRequest request) {
        requireTusResumable(request);
        uploads.terminate(callers.current(), transferId(fileTransferId), uploadId(uploadId));
        return ResponseEntity.noContent().headers(tus()).build();
    }

    private static List<UUID> partIds(UUID transferId, String concat) {
        String list = concat.substring("final".length()).trim();
        if (!list.startsWith(";") || list.substring(1).isBlank()) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "Upload-Concat: final; lists the part URLs, separated by spaces.");
        }
        List<UUID> ids = new ArrayList<>();
        for (String url : list.substring(1).trim().split("\\s+")) {
            String path = url;
            try {
                URI uri = URI.create(url);
                path = uri.getRawPath() == null ? url : uri.getRawPath();
            } catch (IllegalArgumentException e) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, "Not a part URL: " + url);
            }
            Matcher m = PART_URL.matcher(path);
            if (!m.find()) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, "Not a part URL of this server: " + url);
            }
            if (!UUID.fromString(m.group(1)).equals(transferId)) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, "Part " + url + " belongs to another file transfer.");
            }
            ids.add(UUID.fromString(m.group(2)));
        }
        if (ids.stream().distinct().count() != ids.size()) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "A part can be joined only once.");
        }
        return ids;
    }

    private static void requireTusResumable(HttpServletRequest request) {
        String version = request.getHeader("Tus-Resumable");
        if (version == null) {
            throw ApiProblem.of(HttpStatus.PRECONDITION_FAILED, "The Tus-Resumable header is required (" + VERSION + ").");
        }
        if (!version.trim().equals(VERSION)) {
            throw ApiProblem.of(HttpStatus.PRECONDITION_FAILED, "Tus-Resumable " + version + " is not supported; this server speaks " + VERSION + ".");
        }
    }

    private static long number(String header, String value) {
        String v = value.trim();
        if (!NUMBER.matcher(v).matches()) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, header + " must be a whole number of bytes, not '" + value + "'.");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, header + " is too large: " + value);
        }
    }

    private static UUID transferId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw BrokerError.FILE_TRANSFER_NOT_FOUND.problem();
        }
    }

    private static UUID uploadId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.of(HttpStatus.NOT_FOUND, "No TUS upload " + value + ".");
        }
    }

    private static HttpHeaders tus() {
        HttpHeaders h = new HttpHeaders();
        h.set("Tus-Resumable", VERSION);
        return h;
    }
}
