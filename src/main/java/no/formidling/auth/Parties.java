package no.formidling.auth;

import java.util.regex.Pattern;

/** Party identifiers: accepted as {@code 0192:<orgNo>} or the {@code urn:} form, stored as {@code 0192:<orgNo>}. */
public final class Parties {
    public static final String ORG_URN_PREFIX = "urn:altinn:organization:identifier-no:";
    public static final Pattern PARTY = Pattern.compile("^(?:\\d{4}:\\d{9}|urn:altinn:organization:identifier-no:\\d{9})$");
    private static final Pattern ORG_NO = Pattern.compile("^\\d{9}$");

    private Parties() {
    }

    public static boolean isValid(String party) {
        return party != null && PARTY.matcher(party).matches();
    }

    /** Normalises either accepted form to {@code 0192:<orgNo>}; null when not a party. */
    public static String normalize(String party) {
        if (party == null) {
            return null;
        }
        String p = party.trim();
        if (p.startsWith(ORG_URN_PREFIX)) {
            p = "0192:" + p.substring(ORG_URN_PREFIX.length());
        }
        return isValid(p) ? p : null;
    }

    public static String ofOrgNo(String orgNo) {
        return "0192:" + orgNo;
    }

    /** The organisation number of a normalised party. */
    public static String orgNo(String party) {
        int colon = party.indexOf(':');
        return colon < 0 ? party : party.substring(colon + 1);
    }

    public static boolean isOrgNo(String orgNo) {
        return orgNo != null && ORG_NO.matcher(orgNo).matches();
    }

    public static String asUrn(String party) {
        return ORG_URN_PREFIX + orgNo(party);
    }
}
