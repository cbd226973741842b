package no.formidling.correspondence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import no.formidling.auth.Parties;
import no.formidling.correspondence.AttachmentAnswers.AttachmentDetailsExt;
import no.formidling.correspondence.AttachmentAnswers.AttachmentOverviewExt;
import no.formidling.correspondence.AttachmentAnswers.AttachmentStatusEventExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceAttachmentExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceContentExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceDetailsExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceFieldsExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceOverviewExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceStatusEventExt;
import org.springframework.stereotype.Component;

/** Shapes correspondences and attachments as upstream's overview/details models. */
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

    CorrespondenceOverviewExt overview(Correspondence c) {
        return new CorrespondenceOverviewExt(fields(c), notifications.overview(c.id()));
    }

    CorrespondenceDetailsExt details(Correspondence c) {
        // systemLabel: upstream's label of the dialog in Dialogporten (Default, Bin, Archive, MarkedAsUnopened, Sent),
        // Default when it has none to ask, as here: there is no Dialogporten
        return new CorrespondenceDetailsExt(fields(c), notifications.details(c), correspondences.history(c.id()).stream()
                .map(e -> new CorrespondenceStatusEventExt(e.status(), e.statusText(), time(e.statusChanged()))).toList(), "Default");
    }

    private CorrespondenceFieldsExt fields(Correspondence c) {
        return new CorrespondenceFieldsExt(c.id(), c.resourceId(), Parties.asUrn(c.sender()), c.sendersReference(), c.messageSender(),
                c.recipient(), content(c), time(c.requestedPublishTime()), time(c.allowSystemDeleteAfter()), time(c.dueDateTime()),
                read(c.externalReferencesJson(), JsonNodeFactory.instance.arrayNode()),
                read(c.propertyListJson(), JsonNodeFactory.instance.objectNode()),
                read(c.replyOptionsJson(), JsonNodeFactory.instance.arrayNode()), read(c.notificationJson(), null),
                c.ignoreReservation(), c.isConfirmationNeeded(), c.isConfidential(), c.allowForwarding(), time(c.created()), c.status(),
                c.statusText(), time(c.statusChanged()), time(c.published()));
    }

    private CorrespondenceContentExt content(Correspondence c) {
        return new CorrespondenceContentExt(c.language(), c.messageTitle(), c.messageSummary(), c.messageBody(),
                attachments.ofCorrespondence(c.id()).stream().map(CorrespondenceViews::correspondenceAttachment).toList());
    }

    private static CorrespondenceAttachmentExt correspondenceAttachment(Attachment a) {
        return new CorrespondenceAttachmentExt(a.fileName(), a.displayName(), a.isEncrypted(), a.checksum(), a.sendersReference(), a.id(),
                "AltinnCorrespondenceAttachment", time(a.created()), a.status(), a.statusText(), time(a.statusChanged()),
                Attachments.contentType(a.fileName()), time(a.expirationTime()));
    }

    AttachmentOverviewExt attachmentOverview(Attachment a) {
        return new AttachmentOverviewExt(a.fileName(), a.displayName(), a.isEncrypted(), a.checksum(), a.sendersReference(),
                a.resourceId(), Parties.asUrn(a.sender()), a.id(), a.status(), a.statusText(), time(a.statusChanged()),
                attachments.correspondencesOf(a.id()), Attachments.contentType(a.fileName()));
    }

    AttachmentDetailsExt attachmentDetails(Attachment a) {
        AttachmentOverviewExt o = attachmentOverview(a);
        return new AttachmentDetailsExt(o.fileName(), o.displayName(), o.isEncrypted(), o.checksum(), o.sendersReference(), o.resourceId(),
                o.sender(), o.attachmentId(), o.status(), o.statusText(), o.statusChanged(), o.correspondenceIds(), o.dataType(),
                attachments.history(a.id()).stream()
                        .map(e -> new AttachmentStatusEventExt(e.status(), e.statusText(), time(e.statusChanged()))).toList());
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private JsonNode read(String text, JsonNode empty) {
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
