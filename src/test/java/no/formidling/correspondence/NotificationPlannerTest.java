package no.formidling.correspondence;

import static no.formidling.correspondence.CorrespondenceRulesTest.custom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.formidling.correspondence.NotificationPlanner.Delivery;
import no.formidling.correspondence.NotificationPlanner.Order;
import no.formidling.register.PartyId;
import no.formidling.register.PartyRegister;
import no.formidling.register.PartyRegister.RegisteredParty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who gets which message: the orders per party, the channel rules, and the texts with upstream's keywords replaced. */
class NotificationPlannerTest {
    private static final String SENDER = "0192:310000001";
    private static final String RECIPIENT = "0192:310000002";
    private final PartyRegister register = mock(PartyRegister.class);
    private final NotificationPlanner planner = new NotificationPlanner(register);

    @BeforeEach
    void registerParties() {
        when(register.find(any())).thenReturn(Optional.empty());
        registered(RECIPIENT, "Bygg & Anlegg <Vest>", "post@bygg.no", "+4799999999");
        when(register.nameOf(PartyId.parse(SENDER))).thenReturn("Etaten");
    }

    private void registered(String party, String name, String email, String mobile) {
        when(register.find(PartyId.parse(party))).thenReturn(Optional.of(new RegisteredParty(party, name, email, mobile, false)));
    }

    private static Correspondence correspondence(String recipient, String messageSender, String language) {
        return new Correspondence(UUID.randomUUID(), "resource", SENDER, recipient, "ref", messageSender, language, "Vedtak", null, "Body",
                null, null, null, false, false, false, false, null, null, null, null, null, CorrespondenceStatus.Published, null,
                null, null, null);
    }

    private List<Order> plan(Map<String, Object> notification, boolean reminder) {
        return planner.plan(correspondence(RECIPIENT, null, "nb"), custom(notification), reminder, "Tjenesten");
    }

    private static Map<String, Object> texts(String channel) {
        return new HashMap<>(Map.of("notificationChannel", channel, "emailSubject", "Til $recipientName$", "emailBody",
                "Fra $sendersName$ om $messageTitle$ ($resourceName$, $recipientNumber$)", "smsBody", "SMS til $recipientName$"));
    }

    private static List<String> channels(Order order) {
        return order.deliveries().stream().map(d -> d.channel() + ":" + d.address()).toList();
    }

    @Test
    void theRecipientsOrderUsesItsRegisteredAddressesAndFillsTheKeywords() {
        List<Order> orders = plan(texts("Email"), false);

        assertThat(orders).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("recipient");
            assertThat(o.main()).isTrue();
            assertThat(o.created()).isTrue();
        });
        Delivery email = orders.get(0).deliveries().get(0);
        assertThat(email).isEqualTo(new Delivery("Email", "post@bygg.no", "Til Bygg & Anlegg <Vest>", "Fra Etaten om Vedtak (Tjenesten, 310000002)"));
    }

    @Test
    void aPreferredChannelFallsBackToTheOtherWhenItsAddressIsMissing() {
        assertThat(channels(plan(texts("EmailPreferred"), false).get(0))).containsExactly("Email:post@bygg.no");
        assertThat(channels(plan(texts("SmsPreferred"), false).get(0))).containsExactly("Sms:+4799999999");
        assertThat(channels(plan(texts("EmailAndSms"), false).get(0))).containsExactly("Email:post@bygg.no", "Sms:+4799999999");
        registered(RECIPIENT, "Bygg", null, "+4799999999");
        assertThat(channels(plan(texts("EmailPreferred"), false).get(0))).containsExactly("Sms:+4799999999");
        registered(RECIPIENT, "Bygg", "post@bygg.no", null);
        assertThat(channels(plan(texts("SmsPreferred"), false).get(0))).containsExactly("Email:post@bygg.no");
    }

    @Test
    void aRecipientWithoutAnyAddressGetsAnOrderThatIsNeverCreated() {
        when(register.find(PartyId.parse(RECIPIENT))).thenReturn(Optional.empty());

        Order order = plan(texts("Sms"), false).get(0);

        assertThat(order.created()).isFalse();
        assertThat(channels(order)).containsExactly("Sms:");
    }

    @Test
    void customRecipientsAddToTheRegisteredAddressesOrReplaceThemOnOverride() {
        registered("0192:310000003", "Kopi AS", "kopi@example.no", null);
        Map<String, Object> n = texts("Email");
        n.put("customRecipients", List.of(Map.of("emailAddress", "advokat@example.no"), Map.of("organizationNumber", "310000003")));

        assertThat(plan(n, false)).extracting(Order::key, Order::main)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("recipient", true),
                        org.assertj.core.groups.Tuple.tuple("custom:advokat@example.no:null", false),
                        org.assertj.core.groups.Tuple.tuple("custom:0192:310000003", false));
        n.put("overrideRegisteredContactInformation", true);
        assertThat(plan(n, false)).flatExtracting(NotificationPlannerTest::channels)
                .containsExactly("Email:advokat@example.no", "Email:kopi@example.no");
    }

    @Test
    void anAddressAlreadyReachedByAnEarlierOrderIsNotSentTwice() {
        Map<String, Object> n = texts("Email");
        n.put("customRecipients", List.of(Map.of("emailAddress", "post@bygg.no")));

        assertThat(plan(n, false)).extracting(Order::key).containsExactly("recipient");
    }

    @Test
    void theGenericTemplateSpeaksTheCorrespondencesLanguageAndMarksAReminder() {
        Map<String, Object> generic = Map.of("notificationTemplate", "GenericAltinnMessage", "notificationChannel", "EmailAndSms");
        Correspondence nynorsk = correspondence(RECIPIENT, "Kommunen", "nn");

        List<Delivery> first = planner.plan(nynorsk, custom(generic), false, null).get(0).deliveries();
        List<Delivery> reminder = planner.plan(nynorsk, custom(generic), true, null).get(0).deliveries();

        assertThat(first.get(0).subject()).isEqualTo("Du har fått ei melding frå Kommunen");
        assertThat(reminder.get(0).subject()).isEqualTo("Påminning: Du har fått ei melding frå Kommunen");
        assertThat(reminder.get(1).body()).startsWith("Påminning: ");
    }

    @Test
    void aReminderUsesItsOwnTextsAndAnHtmlBodyGetsTheNamesEscaped() {
        Map<String, Object> n = texts("Email");
        n.putAll(Map.of("sendReminder", true, "reminderEmailSubject", "Husk, $recipientName$", "reminderEmailBody", "<p>Hei $recipientName$</p>",
                "reminderEmailContentType", "Html"));

        Delivery reminder = plan(n, true).get(0).deliveries().get(0);

        assertThat(reminder.subject()).as("a subject is text").isEqualTo("Husk, Bygg & Anlegg <Vest>");
        assertThat(reminder.body()).isEqualTo("<p>Hei Bygg &amp; Anlegg &lt;Vest&gt;</p>");
    }
}
