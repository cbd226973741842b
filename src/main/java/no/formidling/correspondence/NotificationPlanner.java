package no.formidling.correspondence;

import static no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationChannel;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationRecipientExt;
import no.formidling.correspondence.InitializeCorrespondencesExt.NotificationTemplate;
import no.formidling.register.PartyId;
import no.formidling.register.PartyRegister;
import no.formidling.register.PartyRegister.RegisteredParty;
import org.springframework.stereotype.Component;

/**
 * Decides who gets which message: one order per party notified (the recipient's registered addresses, each custom
 * recipient), the channel rules (preferred channel falls back to the other), and the texts with upstream's keywords
 * replaced.
 */
@Component
class NotificationPlanner {

    record Delivery(String channel, String address, String subject, String body) {
    }

    /**
     * Upstream's notification order: the deliveries to one party. {@code key} names the party within the
     * correspondence (stable between the notification and its reminder); {@code main} is the correspondence's own
     * recipient.
     */
    record Order(String key, boolean main, List<Delivery> deliveries) {
        /** Upstream's Notifications refuses an order for a party without any address (422), so it is never created. */
        boolean created() {
            return deliveries.stream().anyMatch(d -> !d.address().isEmpty());
        }
    }

    private record Address(String key, boolean main, String email, String mobile) {
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

    List<Order> plan(Correspondence c, NotificationExt n, boolean reminder, String resourceTitle) {
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
        // in an HTML body a name such as "Bygg & Anlegg <Vest>" must stay text, not become markup
        Map<String, String> bodyTokens = n.htmlEmail(reminder) ? escaped(tokens) : tokens;
        NotificationChannel channel = reminder ? n.reminderChannel() : n.channel();
        List<Order> orders = new ArrayList<>();
        for (Address address : addresses(n, registered)) {
            List<Delivery> deliveries = new ArrayList<>();
            boolean email = address.email() != null && !address.email().isBlank();
            boolean sms = address.mobile() != null && !address.mobile().isBlank();
            boolean useEmail = channel == Email || channel == EmailAndSms || (channel == EmailPreferred && (email || !sms))
                    || (channel == SmsPreferred && !sms);
            boolean useSms = channel == Sms || channel == EmailAndSms || (channel == SmsPreferred && (sms || !email))
                    || (channel == EmailPreferred && !email);
            if (useEmail) {
                deliveries.add(new Delivery("Email", email ? address.email() : "", replace(texts[0], tokens), replace(texts[1], bodyTokens)));
            }
            if (useSms) {
                deliveries.add(new Delivery("Sms", sms ? address.mobile() : "", null, replace(texts[2], tokens)));
            }
            orders.add(new Order(address.key(), address.main(), deliveries));
        }
        return withoutRepeatedAddresses(orders);
    }

    /** An address already reached by an earlier order is not sent to twice; an order left with none is dropped, as upstream's deduplication does. */
    private static List<Order> withoutRepeatedAddresses(List<Order> orders) {
        Set<String> seen = new HashSet<>();
        List<Order> result = new ArrayList<>();
        for (Order order : orders) {
            List<Delivery> fresh = new ArrayList<>();
            for (Delivery d : order.deliveries()) {
                if (d.address().isEmpty() || seen.add(d.channel() + ":" + d.address())) {
                    fresh.add(d);
                }
            }
            Order kept = new Order(order.key(), order.main(), fresh);
            if (kept.created() || !order.created()) {
                result.add(kept);
            }
        }
        return result;
    }

    /** Custom recipients replace the registered addresses when {@code overrideRegisteredContactInformation}, else add to them. */
    private List<Address> addresses(NotificationExt n, RegisteredParty registered) {
        List<Address> result = new ArrayList<>();
        List<NotificationRecipientExt> custom = n.allCustomRecipients();
        if (custom.isEmpty() || !n.overrideRegisteredContactInformation()) {
            result.add(registered == null ? new Address("recipient", true, null, null)
                    : new Address("recipient", true, registered.email(), registered.mobileNumber()));
        }
        for (NotificationRecipientExt r : custom) {
            if (r.emailAddress() != null || r.mobileNumber() != null) {
                result.add(new Address("custom:" + r.emailAddress() + ":" + r.mobileNumber(), false, r.emailAddress(), r.mobileNumber()));
            } else {
                String party = r.organizationNumber() != null ? "0192:" + r.organizationNumber() : r.nationalIdentityNumber();
                PartyId id = PartyId.parse(party);
                // an unknown party still makes an order, one without addresses, as upstream's lookup would
                RegisteredParty p = id == null ? null : register.find(id).orElse(null);
                result.add(new Address("custom:" + party, false, p == null ? null : p.email(), p == null ? null : p.mobileNumber()));
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

    private static Map<String, String> escaped(Map<String, String> tokens) {
        Map<String, String> result = new java.util.HashMap<>();
        tokens.forEach((k, v) -> result.put(k, org.springframework.web.util.HtmlUtils.htmlEscape(v, "UTF-8")));
        return result;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
