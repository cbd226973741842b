package no.formidling.broker;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.formidling.auth.Caller;
import no.formidling.web.ApiProblem;
import no.formidling.web.MultipartStream;
import no.formidling.web.ValidationProblem;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Initialize-and-upload from one multipart form, read as a stream: the {@code Metadata.*} fields must come
 * before the {@code FileTransfer} part, whose bytes go straight to the blob store.
 */
@Component
class MultipartInitializeAndUpload {
    private static final Pattern INDEXED = Pattern.compile("^(.*?)\\[(.*)]$");

    private final InitializeFileTransfer initialize;
    private final UploadFile upload;

    MultipartInitializeAndUpload(InitializeFileTransfer initialize, UploadFile upload) {
        this.initialize = initialize;
        this.upload = upload;
    }

    UUID handle(Caller caller, HttpServletRequest request, String idempotencyKey) {
        FileTransferInitalizeExt metadata = new FileTransferInitalizeExt();
        try {
            MultipartStream form = MultipartStream.of(request);
            for (MultipartStream.Part part = form.next(); part != null; part = form.next()) {
                if (!part.isFile()) {
                    bind(metadata, part.name(), part.value());
                } else if ("FileTransfer".equalsIgnoreCase(part.name())) {
                    Map<String, List<String>> errors = new LinkedHashMap<>(metadata.validate("Metadata."));
                    if (!errors.isEmpty()) {
                        errors.put("FileTransfer", List.of("The form is read as a stream: send the Metadata.* fields before the FileTransfer part."));
                        throw new ValidationProblem(errors);
                    }
                    UUID id = initialize.handle(caller, metadata.toCommand(), idempotencyKey);
                    try (InputStream in = part.content()) {
                        return upload.handle(caller, id, in, -1);
                    }
                }
            }
        } catch (FileUploadException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The multipart form could not be read: " + e.getMessage());
        } catch (IOException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The multipart form could not be read.");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>(metadata.validate("Metadata."));
        errors.put("FileTransfer", List.of("The FileTransfer field is required."));
        throw new ValidationProblem(errors);
    }

    /** Binds {@code Metadata.X}, {@code Metadata.Recipients[0]}, {@code Metadata.PropertyList[key]} / {@code .key}, case-insensitively. */
    static void bind(FileTransferInitalizeExt m, String field, String value) {
        String name = field.trim();
        if (name.regionMatches(true, 0, "Metadata.", 0, 9)) {
            name = name.substring(9);
        }
        String key = null;
        Matcher indexed = INDEXED.matcher(name);
        if (indexed.matches()) {
            name = indexed.group(1);
            key = indexed.group(2);
        } else if (name.regionMatches(true, 0, "PropertyList.", 0, 13)) {
            key = name.substring(13);
            name = "PropertyList";
        }
        switch (name.toLowerCase()) {
            case "filename" -> m.fileName = value;
            case "resourceid" -> m.resourceId = value;
            case "sendersfiletransferreference" -> m.sendersFileTransferReference = value;
            case "sender" -> m.sender = value;
            case "checksum" -> m.checksum = value;
            case "disablevirusscan" -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw ValidationProblem.of(field, "The value '" + value + "' is not valid.");
                }
                m.disableVirusScan = Boolean.parseBoolean(value.toLowerCase());
            }
            case "recipients" -> {
                if (m.recipients == null) {
                    m.recipients = new ArrayList<>();
                }
                for (String r : value.split(",")) {
                    if (!r.isBlank()) {
                        m.recipients.add(r.trim());
                    }
                }
            }
            case "propertylist" -> {
                if (key != null && !key.isEmpty()) {
                    if (m.propertyList == null) {
                        m.propertyList = new LinkedHashMap<>();
                    }
                    m.propertyList.put(key, value);
                }
            }
            default -> { } // unknown fields are ignored, as upstream's form binding does
        }
    }
}
