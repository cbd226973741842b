package no.formidling.register;

import no.formidling.auth.Parties;

/**
 * A recipient or register key: an organisation ({@code 0192:<orgNo>}) or a person (11-digit national identity
 * number). Accepts upstream's urn forms too.
 */
public record PartyId(String orgNo, String pid) {
    public static final String PERSON_URN_PREFIX = "urn:altinn:person:identifier-no:";

    /** Parses any accepted form; null when it is neither a valid organisation nor a mod-11 valid person. */
    public static PartyId parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        String org = Parties.normalize(v);
        if (org != null) {
            return new PartyId(Parties.orgNo(org), null);
        }
        if (v.startsWith(PERSON_URN_PREFIX)) {
            v = v.substring(PERSON_URN_PREFIX.length());
        }
        return NationalIdentityNumber.isValid(v) ? new PartyId(null, v) : null;
    }

    public boolean isPerson() {
        return pid != null;
    }

    /** The register key: {@code 0192:<orgNo>} or the bare national identity number. */
    public String key() {
        return isPerson() ? pid : Parties.ofOrgNo(orgNo);
    }

    /** Upstream's urn form, as Correspondence answers it. */
    public String urn() {
        return isPerson() ? PERSON_URN_PREFIX + pid : Parties.ORG_URN_PREFIX + orgNo;
    }

    /** The bare identifier: organisation number or national identity number. */
    public String number() {
        return isPerson() ? pid : orgNo;
    }
}
