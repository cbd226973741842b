package no.formidling.correspondence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The JSON of a correspondence's notifications as overview and details write them (upstream's notification models). */
final class NotificationAnswers {
    private NotificationAnswers() {
    }

    /** One order and round; an order never created (no address at all) has no id. */
    record CorrespondenceNotificationOverviewExt(UUID notificationOrderId, @JsonProperty("isReminder") boolean isReminder) {
    }

    record NotificationDetailsExt(String id, String sendersReference, String creator, OffsetDateTime created, @JsonProperty("isReminder") boolean isReminder,
                                  String notificationChannel, boolean ignoreReservation, String resourceId,
                                  NotificationProcessingStatusExt processingStatus,
                                  NotificationStatusDetailsExt notificationStatusDetails, int attempts) {
    }

    record NotificationProcessingStatusExt(String status, OffsetDateTime lastUpdate) {
    }

    /** Holds the delivery of the notification's one channel: {@code email} or {@code sms}, never both. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NotificationStatusDetailsExt(NotificationDeliveryExt email, NotificationDeliveryExt sms) {
    }

    record NotificationDeliveryExt(UUID id, boolean succeeded, NotificationAddressExt recipient, NotificationSendStatusExt sendStatus) {
    }

    /** The address the notification went to: {@code emailAddress} or {@code mobileNumber}, written even when unknown. */
    sealed interface NotificationAddressExt permits EmailAddressExt, MobileNumberExt {
    }

    record EmailAddressExt(String emailAddress) implements NotificationAddressExt {
    }

    record MobileNumberExt(String mobileNumber) implements NotificationAddressExt {
    }

    record NotificationSendStatusExt(String status, String description, OffsetDateTime lastUpdate) {
    }
}
