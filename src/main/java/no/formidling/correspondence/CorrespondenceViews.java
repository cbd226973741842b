package no.formidling.correspondence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.formidling.auth.Parties;
import org.springframework.stereotype.Component;

/** Shapes correspondences and attachments as upstream's overview/details models (field names and order). */
@Component
class CorrespondenceViews {
    private final ObjectMapper json;
    private final CorrespondenceRepository correspondences;
    private final AttachmentRepository attachments;
    private final NotificationHistory notifications;

    CorrespondenceViews(ObjectMapper json, CorrespondenceRepository correspondences, AttachmentRepository attachments,
                        NotificationHistory notifications) {
        this.json = json;
        this.correspondences = correspondences;
        this.attachments = attachments;
        this.notifications = notifications;
    }

    Map<String, Object> overview(Correspondence c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("correspondenceId", c.id());
        m.put("resourceId", c.resourceId());
        m.put("sender", Parties.asUrn(c.sender()));
        m.put("sendersReference", c.sendersReference());
        m.put("messageSender", c.messageSender());
        m.put("recipient", c.recipient());
        m.put("content", content(c));
        m.put("requestedPublishTime", time(c.requestedPublishTime()));
        m.put("allowSystemDeleteAfter", time(c.allowSystemDeleteAfter()));
        m.put("dueDateTime", time(c.dueDateTime()));
        m.put("externalReferences", read(c.externalReferencesJson(), List.of()));
        m.put("propertyList", read(c.propertyListJson(), Map.of()));
        m.put("replyOptions", read(c.replyOptionsJson(), List.of()));
        m.put("notification", read(c.notificationJson(), null));
        m.put("ignoreReservation", c.ignoreReservation());
        m.put("isConfirmationNeeded", c.isConfirmationNeeded());
        m.put("isConfidential", c.isConfidential());
        m.put("allowForwarding", c.allowForwarding());
        m.put("created", time(c.created()));
        m.put("status", c.status());
        m.put("statusText", c.statusText());
        m.put("statusChanged", time(c.statusChanged()));
        m.put("published", time(c.published()));
        m.put("notifications", notifications.overview(c.id()));
        return m;
    }

    Map<String, Object> details(Correspondence c) {
        Map<String, Object> m = overview(c);
        m.put("statusHistory", correspondences.history(c.id()).stream().map(e -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", e.status());
            s.put("statusText", e.statusText());
            s.put("statusChanged", time(e.statusChanged()));
            return s;
        }).toList());
        m.put("notifications", notifications.details(c));
        // upstream's label of the dialog in Dialogporten (Default, Bin, Archive, MarkedAsUnopened, Sent), Default when
        // it has none to ask, as here: there is no Dialogporten
        m.put("systemLabel", "Default");
        return m;
    }

    private Map<String, Object> content(Correspondence c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("language", c.language());
        m.put("messageTitle", c.messageTitle());
        m.put("messageSummary", c.messageSummary());
        m.put("messageBody", c.messageBody());
        m.put("attachments", attachments.ofCorrespondence(c.id()).stream().map(this::correspondenceAttachment).toList());
        return m;
    }

    private Map<String, Object> correspondenceAttachment(Attachment a) {
        Map<String, Object> m = attachmentBase(a);
        m.put("id", a.id());
        m.put("dataLocationType", "AltinnCorrespondenceAttachment");
        m.put("created", time(a.created()));
        m.put("status", a.status());
        m.put("statusText", a.statusText());
        m.put("statusChanged", time(a.statusChanged()));
        m.put("dataType", Attachments.contentType(a.fileName()));
        m.put("expirationTime", time(a.expirationTime()));
        return m;
    }

    Map<String, Object> attachmentOverview(Attachment a) {
        Map<String, Object> m = attachmentBase(a);
        m.put("resourceId", a.resourceId());
        m.put("sender", Parties.asUrn(a.sender()));
        m.put("attachmentId", a.id());
        m.put("status", a.status());
        m.put("statusText", a.statusText());
        m.put("statusChanged", time(a.statusChanged()));
        m.put("correspondenceIds", attachments.correspondencesOf(a.id()));
        m.put("dataType", Attachments.contentType(a.fileName()));
        return m;
    }

    Map<String, Object> attachmentDetails(Attachment a) {
        Map<String, Object> m = attachmentOverview(a);
        m.put("statusHistory", attachments.history(a.id()).stream().map(e -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("status", e.status());
            s.put("statusText", e.statusText());
            s.put("statusChanged", time(e.statusChanged()));
            return s;
        }).toList());
        return m;
    }

    private static Map<String, Object> attachmentBase(Attachment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fileName", a.fileName());
        m.put("displayName", a.displayName());
        m.put("isEncrypted", a.isEncrypted());
        m.put("checksum", a.checksum());
        m.put("sendersReference", a.sendersReference());
        return m;
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private Object read(String text, Object empty) {
        if (text == null) {
            return empty;
        }
        try {
            JsonNode node = json.readTree(text);
            return node.isNull() ? empty : node;
        } catch (JsonProcessingException e) {
            return empty;
        }
    }
}
