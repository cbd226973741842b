package no.formidling.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Why a client key is refused; the one place for the rules that the API ({@link MaskinportenClientController}) and
 * the organisation's page ({@link PastedPublicKey}) apply. {@code sentence} is the API's English wording; a page
 * shows its own translation, keyed by the name.
 */
public enum KeyRefusal {
    NOT_A_KEY("The text is neither a JWK (JSON with kid) nor a PEM public key"),
    NOT_RSA("Only RSA keys are accepted (Maskinporten signs with RS256, RS384 or RS512)"),
    NO_KID("Every key needs a kid: clients name the key they signed with"),
    PRIVATE("Send the public key only; the private key never leaves the client");

    private final String sentence;

    KeyRefusal(String sentence) {
        this.sentence = sentence;
    }

    public String sentence() {
        return sentence;
    }

    /** @return why this key may not be registered (a private key first of all), or null when it may */
    static KeyRefusal of(JWK key) {
        if (key.isPrivate()) {
            return PRIVATE;
        }
        if (!(key instanceof RSAKey)) {
            return NOT_RSA;
        }
        return key.getKeyID() == null || key.getKeyID().isBlank() ? NO_KID : null;
    }

    /** A refused key, for the caller to turn into its own answer. */
    public static final class Refused extends RuntimeException {
        private final KeyRefusal reason;

        Refused(KeyRefusal reason) {
            super(reason.sentence());
            this.reason = reason;
        }

        public KeyRefusal reason() {
            return reason;
        }
    }
}
