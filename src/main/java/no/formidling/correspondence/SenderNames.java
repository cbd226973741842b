package no.formidling.correspondence;

import no.formidling.register.PartyId;
import no.formidling.register.PartyRegister;

/** How a correspondence's sender and parties are named to people: registered names first, numbers as the fallback. */
final class SenderNames {
    private SenderNames() {
    }

    /** The sender as a recipient sees it: {@code messageSender} when given, else the sender party's display name. */
    static String of(PartyRegister parties, String messageSender, String sender) {
        return messageSender != null && !messageSender.isBlank() ? messageSender : displayName(parties, sender);
    }

    /** The party's registered name, else its organisation or national identity number. */
    static String displayName(PartyRegister parties, String party) {
        PartyId id = PartyId.parse(party);
        String name = id == null ? null : parties.nameOf(id);
        return name != null ? name : id == null ? party : id.number();
    }
}
