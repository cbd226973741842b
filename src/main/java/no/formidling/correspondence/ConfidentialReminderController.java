package no.formidling.correspondence;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Upstream's ConfidentialReminderController: the recipient's unread confidential correspondences as one text. */
@RestController
@Tag(name = "Correspondence", description = "Altinn 3 Correspondence API")
class ConfidentialReminderController {
    private final ConfidentialReminders reminders;

    ConfidentialReminderController(ConfidentialReminders reminders) {
        this.reminders = reminders;
    }

    @GetMapping(path = "/correspondence/api/v1/confidential-reminders", produces = MediaType.TEXT_PLAIN_VALUE)
    String unreadConfidential(@RequestParam(defaultValue = "nb") String languageCode) {
        return reminders.text(languageCode);
    }
}
