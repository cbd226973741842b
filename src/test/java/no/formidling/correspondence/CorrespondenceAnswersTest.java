package no.formidling.correspondence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import no.formidling.correspondence.AttachmentAnswers.AttachmentDetailsExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceAttachmentExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceContentExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceDetailsExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceFieldsExt;
import no.formidling.correspondence.CorrespondenceAnswers.CorrespondenceOverviewExt;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyCorrespondenceItemExt;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyCorrespondenceOverviewExt;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyCorrespondenceStatusExt;
import no.formidling.correspondence.LegacyCorrespondenceAnswers.LegacyUserExt;
import no.formidling.correspondence.NotificationAnswers.EmailAddressExt;
import no.formidling.correspondence.NotificationAnswers.MobileNumberExt;
import no.formidling.correspondence.NotificationAnswers.NotificationDeliveryExt;
import no.formidling.correspondence.NotificationAnswers.NotificationDetailsExt;
import no.formidling.correspondence.NotificationAnswers.NotificationProcessingStatusExt;
import no.formidling.correspondence.NotificationAnswers.NotificationSendStatusExt;
import no.formidling.correspondence.NotificationAnswers.NotificationStatusDetailsExt;
import org.junit.jupiter.api.Test;

/** The answers' JSON: upstream's field names, in upstream's order, unknown values written as null rather than left out. */
class CorrespondenceAnswersTest {
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void overviewAndDetailsWriteEveryFieldInUpstreamsOrder() {
        var attachment = new CorrespondenceAttachmentExt("a.txt", null, false, null, "ref", UUID.randomUUID(),
                "AltinnCorrespondenceAttachment", null, AttachmentStatus.Published, null, null, "text/plain", null);
        var fields = new CorrespondenceFieldsExt(UUID.randomUUID(), "res", "urn", "ref", null, "0192:1", new CorrespondenceContentExt(
                "nb", "title", null, "body", List.of(attachment)), null, null, null, null, null, null, null, false, true, false, true,
                null, CorrespondenceStatus.Published, null, null, null);

        JsonNode tree = json.valueToTree(new CorrespondenceDetailsExt(fields, List.of(), List.of(), "Default"));
        JsonNode overview = json.valueToTree(new CorrespondenceOverviewExt(fields, List.of()));

        assertThat(names(tree)).containsExactly("correspondenceId", "resourceId", "sender", "sendersReference", "messageSender",
                "recipient", "content", "requestedPublishTime", "allowSystemDeleteAfter", "dueDateTime", "externalReferences",
                "propertyList", "replyOptions", "notification", "ignoreReservation", "isConfirmationNeeded", "isConfidential",
                "allowForwarding", "created", "status", "statusText", "statusChanged", "published", "notifications", "statusHistory",
                "systemLabel");
        assertThat(names(overview)).containsExactly("correspondenceId", "resourceId", "sender", "sendersReference", "messageSender",
                "recipient", "content", "requestedPublishTime", "allowSystemDeleteAfter", "dueDateTime", "externalReferences",
                "propertyList", "replyOptions", "notification", "ignoreReservation", "isConfirmationNeeded", "isConfidential",
                "allowForwarding", "created", "status", "statusText", "statusChanged", "published", "notifications");
        assertThat(tree.get("messageSender").isNull()).isTrue();
        assertThat(tree.get("isConfirmationNeeded").asBoolean()).isTrue();
        assertThat(tree.get("status").asText()).isEqualTo("Published");
        assertThat(names(tree.get("content"))).containsExactly("language", "messageTitle", "messageSummary", "messageBody", "attachments");
        assertThat(names(tree.at("/content/attachments/0"))).containsExactly("fileName", "displayName", "isEncrypted", "checksum",
                "sendersReference", "id", "dataLocationType", "created", "status", "statusText", "statusChanged", "dataType",
                "expirationTime");
    }

    @Test
    void attachmentDetailsWriteEveryFieldInUpstreamsOrder() {
        var details = new AttachmentDetailsExt("a.txt", null, true, null, "ref", "res", "urn", UUID.randomUUID(),
                AttachmentStatus.Published, null, null, List.of(), "text/plain", List.of());

        assertThat(names(json.valueToTree(details))).containsExactly("fileName", "displayName", "isEncrypted", "checksum",
                "sendersReference", "resourceId", "sender", "attachmentId", "status", "statusText", "statusChanged",
                "correspondenceIds", "dataType", "statusHistory");
    }

    @Test
    void aNotificationNamesItsOneChannelAndWritesAnUnknownAddressAsNull() {
        var status = new NotificationSendStatusExt("Failed", "no address", null);
        var email = new NotificationDetailsExt(UUID.randomUUID().toString(), "ref", "urn", null, true, "Email", false, "res",
                new NotificationProcessingStatusExt("Failed", null),
                new NotificationStatusDetailsExt(new NotificationDeliveryExt(UUID.randomUUID(), false, new EmailAddressExt(null), status), null),
                3);
        var sms = new NotificationStatusDetailsExt(null,
                new NotificationDeliveryExt(UUID.randomUUID(), true, new MobileNumberExt("+4799999999"), status));

        JsonNode tree = json.valueToTree(email);

        assertThat(names(tree)).containsExactly("id", "sendersReference", "creator", "created", "isReminder", "notificationChannel",
                "ignoreReservation", "resourceId", "processingStatus", "notificationStatusDetails", "attempts");
        assertThat(names(tree.get("processingStatus"))).containsExactly("status", "lastUpdate");
        assertThat(names(tree.get("notificationStatusDetails"))).containsExactly("email");
        assertThat(names(tree.at("/notificationStatusDetails/email"))).containsExactly("id", "succeeded", "recipient", "sendStatus");
        assertThat(names(tree.at("/notificationStatusDetails/email/recipient"))).containsExactly("emailAddress");
        assertThat(tree.at("/notificationStatusDetails/email/recipient/emailAddress").isNull()).isTrue();
        assertThat(names(tree.at("/notificationStatusDetails/email/sendStatus"))).containsExactly("status", "description", "lastUpdate");
        JsonNode smsTree = json.valueToTree(sms);
        assertThat(names(smsTree)).containsExactly("sms");
        assertThat(smsTree.at("/sms/recipient/mobileNumber").asText()).isEqualTo("+4799999999");
    }

    @Test
    void legacyAnswersWriteThePortalsFieldsInItsOrder() {
        var item = new LegacyCorrespondenceItemExt(UUID.randomUUID(), null, "title", "owner", CorrespondenceStatus.Read, 0, null, null,
                null, 0, null, null, "sender", null, true);
        var overview = new LegacyCorrespondenceOverviewExt(UUID.randomUUID(), "res", "urn", "ref", null, "0192:1", null, null, null,
                null, null, null, null, false, false, false, true, null, CorrespondenceStatus.Read, null, null, null, List.of(), 0, true,
                true, true, null, null, "nb", "title", null, "body", List.of(), 0);
        var history = new LegacyCorrespondenceStatusExt(CorrespondenceStatus.Read, null, null, new LegacyUserExt(null, "name"), null, null);

        assertThat(names(json.valueToTree(item))).containsExactly("correspondenceId", "altinn2CorrespondenceId", "messageTitle",
                "serviceOwnerName", "status", "minimumAuthenticationLevel", "published", "purgedStatus", "purged", "instanceOwnerPartyId",
                "dueDateTime", "archived", "messageSender", "confirmationDate", "isConfirmationNeeded");
        assertThat(names(json.valueToTree(overview))).containsExactly("correspondenceId", "resourceId", "sender", "sendersReference",
                "messageSender", "recipient", "requestedPublishTime", "allowSystemDeleteAfter", "dueDateTime", "externalReferences",
                "propertyList", "replyOptions", "notification", "ignoreReservation", "isConfirmationNeeded", "isConfidential",
                "allowForwarding", "created", "status", "statusText", "statusChanged", "published", "notifications",
                "minimumAuthenticationLevel", "authorizedForSign", "authorizedForWrite", "allowDelete", "archived", "confirmationDate",
                "language", "messageTitle", "messageSummary", "messageBody", "attachments", "instanceOwnerPartyId");
        JsonNode historyTree = json.valueToTree(history);
        assertThat(names(historyTree)).containsExactly("status", "statusChanged", "statusText", "user", "notification", "forwardingEvent");
        assertThat(names(historyTree.get("user"))).containsExactly("partyId", "name");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
