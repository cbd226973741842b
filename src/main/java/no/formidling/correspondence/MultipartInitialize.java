package no.formidling.correspondence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.web.ApiProblem;
import no.formidling.web.ValidationProblem;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Initialize with inline attachments from one multipart form, read as a stream: the form fields (upstream's
 * names, e.g. {@code correspondence.content.attachments[0].filename}, matched case-insensitively) come first, then
 * the {@code attachments} file parts, in the order of their metadata; each file goes straight to the blob store.
 */
@Component
class MultipartInitialize {
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final Pattern INDEXED = Pattern.compile("^(.*?)\\[(\\d+)]$");

    private final InitializeCorrespondences initialize;
    private final SharedAttachments shared;
    private final AttachmentStatusService attachmentStatuses;
    private final AttachmentUploads uploads;
    private final ObjectMapper json;
    private final Validator validator;
    private final TransactionTemplate tx;

    MultipartInitialize(InitializeCorrespondences initialize, SharedAttachments shared, AttachmentStatusService attachmentStatuses,
                        AttachmentUploads uploads, ObjectMapper json, Validator validator,
                        org.springframework.transaction.PlatformTransactionManager transactions) {
        this.initialize = initialize;
        this.shared = shared;
        this.attachmentStatuses = attachmentStatuses;
        this.uploads = uploads;
        this.json = json;
        this.validator = validator;
        this.tx = new TransactionTemplate(transactions);
    }

    InitializeCorrespondences.ResponseExt handle(Caller caller, HttpServletRequest request) {
        ObjectNode form = JsonNodeFactory.instance.objectNode();
        InitializeCorrespondencesExt metadata = null;
        List<InitializeCorrespondencesExt.AttachmentMetadataExt> expected = List.of();
        List<UUID> uploaded = new ArrayList<>();
        String sender = null;
        try {
            FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField()) {
                    if (metadata != null) {
                        throw ValidationProblem.of(part.getFieldName(), "The form is read as a stream: send every field before the attachments.");
                    }
                    put(form, part.getFieldName(), readField(part));
                    continue;
                }
                if (!"attachments".equalsIgnoreCase(part.getFieldName())) {
                    continue;
                }
                if (metadata == null) {
                    metadata = bind(form);
                    expected = metadata.correspondence().content().attachments() == null ? List.of() : metadata.correspondence().content().attachments();
                    initialize.validate(caller, metadata, expected.size());
                    sender = Parties.ofOrgNo(initialize.authorize(caller, metadata.correspondence().resourceId()).serviceOwnerOrgNo());
                    expected.forEach(a -> Attachments.checkFileName(a.fileName()));
                }
                if (uploaded.size() >= expected.size()) {
                    throw CorrespondenceError.FILES_DO_NOT_MATCH_ATTACHMENTS.problem();
                }
                var meta = expected.get(uploaded.size());
                Attachment attachment = shared.newAttachment(metadata.correspondence().resourceId(), sender, meta.fileName(),
                        meta.displayName(), meta.isEncrypted(), meta.checksum(), meta.sendersReference(), meta.expirationInDays());
                tx.executeWithoutResult(s -> attachmentStatuses.created(attachment));
                try (InputStream in = part.getInputStream()) {
                    uploads.upload(attachment.id(), null, in, -1, false);
                }
                uploaded.add(attachment.id());
            }
        } catch (FileUploadException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The multipart form could not be read: " + e.getMessage());
        } catch (IOException e) {
            throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The multipart form could not be read: " + e.getMessage());
        }
        if (metadata == null) {
            metadata = bind(form);
        }
        int wanted = metadata.correspondence().content().attachments() == null ? 0 : metadata.correspondence().content().attachments().size();
        if (uploaded.size() != wanted) {
            throw CorrespondenceError.FILES_DO_NOT_MATCH_ATTACHMENTS.problem();
        }
        return initialize.initialize(caller, metadata, uploaded);
    }

    private InitializeCorrespondencesExt bind(ObjectNode form) {
        InitializeCorrespondencesExt request;
        try {
            request = json.treeToValue(form, InitializeCorrespondencesExt.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ValidationProblem.of("$", "The form fields do not make a valid request: " + e.getOriginalMessage());
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConstraintViolation<InitializeCorrespondencesExt> v : validator.validate(request)) {
            errors.computeIfAbsent(v.getPropertyPath().toString(), k -> new ArrayList<>()).add(v.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new ValidationProblem(errors);
        }
        return request;
    }

    /** Puts {@code a.b[0].c} into the tree; names are lower-cased (binding is case-insensitive) except map keys' last part. */
    static void put(ObjectNode root, String name, String value) {
        String[] path = name.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < path.length; i++) {
            boolean last = i == path.length - 1;
            Matcher m = INDEXED.matcher(path[i]);
            String key = m.matches() ? m.group(1) : path[i];
            if (!(node instanceof ObjectNode object)) {
                throw ValidationProblem.of(name, "Conflicting form field");
            }
            String field = object.has(key) ? key : existing(object, key);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(2));
                ArrayNode array = object.get(field) instanceof ArrayNode a ? a : object.putArray(field);
                while (array.size() <= index) {
                    array.add(last ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.objectNode());
                }
                if (last) {
                    array.set(index, JsonNodeFactory.instance.textNode(value));
                } else {
                    node = array.get(index);
                }
            } else if (last) {
                object.put(field, value);
            } else {
                node = object.get(field) instanceof ObjectNode child ? child : object.putObject(field);
            }
        }
    }

    private static String existing(ObjectNode object, String key) {
        var names = object.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equalsIgnoreCase(key)) {
                return n;
            }
        }
        return key;
    }

    private static String readField(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (bytes.length > MAX_FIELD_BYTES) {
                throw ValidationProblem.of(part.getFieldName(), "A form field may hold at most 64 KiB");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
