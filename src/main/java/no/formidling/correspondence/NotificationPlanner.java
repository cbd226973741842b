package no.formidling.correspondence;

import static no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationRecipientExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationTemplate;
import no.formidling.register.PartyId;
import no.formidling.register.PartyRegister;
import no.formidling.register.PartyRegister.RegisteredParty;
import org.springframework.stereotype.Component;

/**
 * Decides who gets which message: addresses from the party register (or the custom recipients), the channel
 * rules (preferred channel falls back to the other), and the texts with upstream's keywords replaced.
 */
@Component
class NotificationPlanner {

    record Delivery(String channel, String address, String subject, String body) {
    }

    record Address(String email, String mobile) {
    }

    private static final Map<String, String[]> GENERIC = Map.of(
            "nb", new String[]{"Du har mottatt en melding fra $sendersName$",
                    "Hei $recipientName$.\n\nDu har mottatt en ny melding fra $sendersName$: «$messageTitle$». Logg inn i Altinn for å lese den.",
                    "Du har mottatt en ny melding fra $sendersName$ i Altinn.", "Påminnelse: "},
            "nn", new String[]{"Du har fått ei melding frå $sendersName$",
                    "Hei $recipientName$.\n\nDu har fått ei ny melding frå $sendersName$: «$messageTitle$». Logg inn i Altinn for å lese ho.",
                    "Du har fått ei ny melding frå $sendersName$ i Altinn.", "Påminning: "},
            "en", new String[]{"You have received a message from $sendersName$",
                    "Hello $recipientName$.\n\nYou have received a new message from $sendersName$: \"$messageTitle$\". Log in to Altinn to read it.",
                    "You have received a new message from $sendersName$ in Altinn.", "Reminder: "});

    private final PartyRegister register;

    NotificationPlanner(PartyRegister register) {
        this.register = register;
    }

    List<Delivery> plan(Correspondence c, NotificationExt n, boolean reminder, String resourceTitle) {
        PartyId recipient = PartyId.parse(c.recipient());
        RegisteredParty registered = register.find(recipient).orElse(null);
        PartyId sender = PartyId.parse(c.sender());
        String sendersName = c.messageSender() != null && !c.messageSender().isBlank() ? c.messageSender() : register.nameOf(sender);
        String recipientName = registered == null ? null : registered.name();
        Map<String, String> tokens = Map.of(
                "$sendersName$", orEmpty(sendersName),
                "$correspondenceRecipientName$", orEmpty(recipientName),
                "$resourceName$", orEmpty(resourceTitle),
                "$messageTitle$", orEmpty(c.messageTitle()),
                "$recipientName$", orEmpty(recipientName),
                "$recipientNumber$", recipient.isPerson() ? "" : recipient.orgNo());
        String[] texts = texts(c, n, reminder);
        NotificationChannel channel = reminder ? n.reminderChannel() : n.channel();
        List<Delivery> deliveries = new ArrayList<>();
        for (Address address : addresses(n, registered)) {
            boolean email = address.email() != null && !address.email().isBlank();
            boolean sms = address.mobile() != null && !address.mobile().isBlank();
            boolean useEmail = channel == Email || channel == EmailAndSms || (channel == EmailPreferred && (email || !sms))
                    || (channel == SmsPreferred && !sms);
            boolean useSms = channel == Sms || channel == EmailAndSms || (channel == SmsPreferred && (sms || !email))
                    || (channel == EmailPreferred && !email);
            if (useEmail) {
                deliveries.add(new Delivery("Email", email ? address.email() : "", replace(texts[0], tokens), replace(texts[1], tokens)));
            }
            if (useSms) {
                deliveries.add(new Delivery("Sms", sms ? address.mobile() : "", null, replace(texts[2], tokens)));
            }
        }
        return deliveries;
    }

    /** Custom recipients replace the registered addresses when {@code overrideRegisteredContactInformation}, else add to them. */
    private List<Address> addresses(NotificationExt n, RegisteredParty registered) {
        List<Address> result = new ArrayList<>();
        List<NotificationRecipientExt> custom = n.allCustomRecipients();
        if (custom.isEmpty() || !n.overrideRegisteredContactInformation()) {
            result.add(registered == null ? new Address(null, null) : new Address(registered.email(), registered.mobileNumber()));
        }
        for (NotificationRecipientExt r : custom) {
            if (r.emailAddress() != null || r.mobileNumber() != null) {
                result.add(new Address(r.emailAddress(), r.mobileNumber()));
            } else {
                PartyId id = PartyId.parse(r.organizationNumber() != null ? "0192:" + r.organizationNumber() : r.nationalIdentityNumber());
                if (id != null) {
                    register.find(id).ifPresent(p -> result.add(new Address(p.email(), p.mobileNumber())));
                }
            }
        }
        return result;
    }

    /** Email subject, email body and SMS text for the template; reminders use their own texts. */
    private static String[] texts(Correspondence c, NotificationExt n, boolean reminder) {
        if (n.notificationTemplate() == NotificationTemplate.GenericAltinnMessage) {
            String[] generic = GENERIC.getOrDefault(c.language(), GENERIC.get("nb"));
            String prefix = reminder ? generic[3] : "";
            return new String[]{prefix + generic[0], generic[1], prefix + generic[2]};
        }
        if (reminder) {
            return new String[]{n.reminderEmailSubject(), n.reminderEmailBody(), n.reminderSmsBody()};
        }
        return new String[]{n.emailSubject(), n.emailBody(), n.smsBody()};
    }

    static String replace(String text, Map<String, String> tokens) {
        if (text == null) {
            return "";
        }
        String result = text;
        for (var token : tokens.entrySet()) {
            result = result.replace(token.getKey(), token.getValue());
        }
        return result;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
