package no.formidling.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;

/**
 * A public key as a person pastes it into a page: a JWK (or a JWK set) in JSON, or a PEM {@code BEGIN PUBLIC KEY}
 * block with its key id given beside it. Turned into RSA public JWKs under the API's rules ({@link KeyRefusal});
 * anything private is refused, never stored.
 */
final class PastedPublicKey {
    private static final String PEM_PUBLIC = "-----BEGIN PUBLIC KEY-----";
    private static final String PEM_PUBLIC_END = "-----END PUBLIC KEY-----";

    private PastedPublicKey() {
    }

    /**
     * @param keyId the key id for a PEM key, or for a JWK without one; may be blank otherwise
     * @throws KeyRefusal.Refused when the text is no key, or not a public RSA key with a kid
     */
    static List<RSAKey> parse(String text, String keyId) {
        String pasted = text == null ? "" : text.strip();
        String kid = keyId == null || keyId.isBlank() ? null : keyId.strip();
        if (pasted.contains("PRIVATE KEY")) {
            throw new KeyRefusal.Refused(KeyRefusal.PRIVATE);
        }
        List<JWK> keys;
        if (pasted.startsWith("{")) {
            keys = jwks(pasted, kid);
        } else if (pasted.startsWith(PEM_PUBLIC) && pasted.contains(PEM_PUBLIC_END)) {
            keys = List.of(pem(pasted, kid));
        } else {
            throw new KeyRefusal.Refused(KeyRefusal.NOT_A_KEY);
        }
        for (JWK key : keys) {
            KeyRefusal refused = KeyRefusal.of(key);
            if (refused != null) {
                throw new KeyRefusal.Refused(refused);
            }
        }
        return keys.stream().map(k -> (RSAKey) k).toList();
    }

    private static List<JWK> jwks(String json, String kid) {
        try {
            List<JWK> keys = json.contains("\"keys\"") ? JWKSet.parse(json).getKeys() : List.of(JWK.parse(json));
            if (keys.isEmpty()) {
                throw new KeyRefusal.Refused(KeyRefusal.NOT_A_KEY);
            }
            return keys.stream().map(k -> k instanceof RSAKey rsa && !rsa.isPrivate() && rsa.getKeyID() == null && kid != null
                    ? (JWK) new RSAKey.Builder(rsa).keyID(kid).build() : k).toList();
        } catch (ParseException e) {
            throw new KeyRefusal.Refused(KeyRefusal.NOT_A_KEY);
        }
    }

    private static JWK pem(String pem, String kid) {
        String body = pem.substring(PEM_PUBLIC.length(), pem.indexOf(PEM_PUBLIC_END)).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new KeyRefusal.Refused(KeyRefusal.NOT_A_KEY);
        }
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            // a well-formed key of another kind (EC, Ed25519) or broken bytes
            throw new KeyRefusal.Refused(isSubjectPublicKeyInfo(der) ? KeyRefusal.NOT_RSA : KeyRefusal.NOT_A_KEY);
        }
        if (kid == null) {
            throw new KeyRefusal.Refused(KeyRefusal.NO_KID);
        }
        return new RSAKey.Builder(key).keyID(kid).build();
    }

    private static boolean isSubjectPublicKeyInfo(byte[] der) {
        for (String algorithm : List.of("EC", "Ed25519")) {
            try {
                KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this kind either
            }
        }
        return false;
    }
}
