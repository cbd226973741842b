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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.formidling.auth.Caller;
import no.formidling.auth.Parties;
import no.formidling.storage.BlobStore;
import no.formidling.web.ApiProblem;
import no.formidling.web.MultipartStream;
import no.formidling.web.ValidationProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Initialize with inline attachments from one multipart form, read as a stream: each {@code attachments} file part
 * goes straight to the blob store as it arrives (upstream's own collection sends it before its metadata); the form
 * fields (upstream's names, e.g. {@code correspondence.content.attachments[0].filename}, case-insensitive) are then
 * bound and checked, files are paired with their metadata by name (else by order), and on any refusal the stored
 * bytes are deleted again.
 */
@Component
class MultipartInitialize {
    private static final Pattern INDEXED = Pattern.compile("^(.*?)\\[(\\d+)]$");

    private final InitializeCorrespondences initialize;
    private final SharedAttachments shared;
    private final AttachmentStatusService attachmentStatuses;
    private final AttachmentUploads uploads;
    private final AttachmentRepository attachments;
    private final BlobStore blobs;
    private final ObjectMapper json;
    private final Validator validator;
    private final TransactionTemplate tx;

    MultipartInitialize(InitializeCorrespondences initialize, SharedAttachments shared, AttachmentStatusService attachmentStatuses,
                        AttachmentUploads uploads, ObjectMapper json, Validator validator,
                        org.springframework.transaction.PlatformTransactionManager transactions, AttachmentRepository attachments,
                        BlobStore blobs) {
        this.attachments = attachments;
        this.blobs = blobs;
        this.initialize = initialize;
        this.shared = shared;
        this.attachmentStatuses = attachmentStatuses;
        this.uploads = uploads;
        this.json = json;
        this.validator = validator;
        this.tx = new TransactionTemplate(transactions);
    }

    /** A file part already streamed into the blob store under {@code id}, before its metadata is known. */
    private record StoredFile(UUID id, String submittedName, BlobStore.StoredBlob blob) {
    }

    InitializeCorrespondences.ResponseExt handle(Caller caller, HttpServletRequest request) {
        ObjectNode formTree = JsonNodeFactory.instance.objectNode();
        List<StoredFile> files = new ArrayList<>();
        try {
            try {
                MultipartStream form = MultipartStream.of(request);
                for (MultipartStream.Part part = form.next(); part != null; part = form.next()) {
                    if (!part.isFile()) {
                        put(formTree, part.name(), part.value());
                    } else if ("attachments".equalsIgnoreCase(part.name())) {
                        UUID id = UUID.randomUUID();
                        try (InputStream in = part.content()) {
                            files.add(new StoredFile(id, part.fileName(), blobs.write(id.toString(), in, uploads.maxSize())));
                        }
                    }
                }
            } catch (BlobStore.BlobTooLargeException e) {
                throw CorrespondenceError.FILE_TOO_LARGE.problem("50GB");
            } catch (IOException e) {
                throw ApiProblem.of(HttpStatus.BAD_REQUEST, "The multipart form could not be read: " + e.getMessage());
            }
            InitializeCorrespondencesExt metadata = bind(formTree);
            List<InitializeCorrespondencesExt.AttachmentMetadataExt> expected =
                    metadata.correspondence().content().attachments() == null ? List.of() : metadata.correspondence().content().attachments();
            initialize.validate(caller, metadata, expected.size());
            var resource = initialize.authorize(caller, metadata.correspondence().resourceId());
            InitializeCorrespondences.checkResource(resource, metadata.correspondence());
            String sender = Parties.ofOrgNo(resource.serviceOwnerOrgNo());
            if (files.size() != expected.size()) {
                throw CorrespondenceError.FILES_DO_NOT_MATCH_ATTACHMENTS.problem();
            }
            List<StoredFile> matched = match(expected, files);
            return tx.execute(s -> {
                List<UUID> ids = new ArrayList<>();
                for (int i = 0; i < expected.size(); i++) {
                    ids.add(adopt(metadata.correspondence().resourceId(), sender, expected.get(i), matched.get(i)));
                }
                return initialize.initialize(caller, metadata, ids);
            });
        } catch (RuntimeException e) {
            files.forEach(this::deleteQuietly);
            throw e;
        }
    }

    /** Pairs each metadata entry with the file of the same name, else with the next unpaired file in form order. */
    private static List<StoredFile> match(List<InitializeCorrespondencesExt.AttachmentMetadataExt> expected, List<StoredFile> files) {
        List<StoredFile> free = new ArrayList<>(files);
        List<StoredFile> result = new ArrayList<>();
        for (var meta : expected) {
            Attachments.checkFileName(meta.fileName());
            StoredFile byName = free.stream().filter(f -> meta.fileName().equalsIgnoreCase(f.submittedName())).findFirst().orElse(free.get(0));
            free.remove(byName);
            result.add(byName);
        }
        return result;
    }

    /** Records a stored file as an attachment in UploadProcessing (the process scans and publishes it); 2008 on a checksum mismatch. */
    private UUID adopt(String resourceId, String sender, InitializeCorrespondencesExt.AttachmentMetadataExt meta, StoredFile file) {
        if (meta.checksum() != null && !meta.checksum().isBlank() && !meta.checksum().equalsIgnoreCase(file.blob().md5Hex())) {
            throw CorrespondenceError.CHECKSUM_MISMATCH.problem();
        }
        Attachment a = shared.newAttachment(resourceId, sender, meta.fileName(), meta.displayName(), meta.isEncrypted(), meta.checksum(),
                meta.sendersReference(), meta.expirationInDays(), file.id());
        attachmentStatuses.created(a);
        attachmentStatuses.change(a, AttachmentStatus.UploadProcessing, null, AttachmentStatus.Initialized);
        attachments.recordUpload(a.id(), file.blob().size(), file.blob().md5Hex());
        return a.id();
    }

    private void deleteQuietly(StoredFile file) {
        try {
            blobs.delete(file.id().toString());
        } catch (IOException e) {
            // the orphan sweeper removes it later
        }
    }

    private InitializeCorrespondencesExt bind(ObjectNode form) {
        InitializeCorrespondencesExt request;
        try {
            request = json.treeToValue(form, InitializeCorrespondencesExt.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ApiProblem problem) {
                    throw problem; // a field's own error code (e.g. 3023), as the JSON variant answers
                }
            }
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
}
