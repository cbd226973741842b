package no.formidling.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a person may paste as a client's public key, and what is refused (under the API's rules). */
class PastedPublicKeyTest {
    static final RSAKey KEY = generate();

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("k1").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----";
    }

    private static KeyRefusal refusal(String text, String kid) {
        try {
            PastedPublicKey.parse(text, kid);
            return null;
        } catch (KeyRefusal.Refused refused) {
            return refused.reason();
        }
    }

    @Test
    void takesAPemPublicKeyWithItsKeyIdAndAJwkOrJwkSet() throws Exception {
        List<RSAKey> fromPem = PastedPublicKey.parse("  " + pem("PUBLIC KEY", KEY.toRSAPublicKey().getEncoded()) + "\n", " pem-kid ");
        assertThat(fromPem).singleElement().satisfies(k -> {
            assertThat(k.getKeyID()).isEqualTo("pem-kid");
            assertThat(k.getModulus()).isEqualTo(KEY.getModulus());
            assertThat(k.isPrivate()).isFalse();
        });
        assertThat(PastedPublicKey.parse(KEY.toPublicJWK().toJSONString(), "")).singleElement()
                .satisfies(k -> assertThat(k.getKeyID()).isEqualTo("k1"));
        assertThat(PastedPublicKey.parse("{\"keys\":[" + KEY.toPublicJWK().toJSONString() + "]}", null)).hasSize(1);
        String withoutKid = new RSAKey.Builder(KEY.toRSAPublicKey()).build().toJSONString();
        assertThat(PastedPublicKey.parse(withoutKid, "given")).singleElement().satisfies(k -> assertThat(k.getKeyID()).isEqualTo("given"));
    }

    @Test
    void refusesPrivateKeysOtherKindsKeysWithoutIdAndText() throws Exception {
        assertThat(refusal(pem("PRIVATE KEY", KEY.toPrivateKey().getEncoded()), "k")).isEqualTo(KeyRefusal.PRIVATE);
        assertThat(refusal(pem("RSA PRIVATE KEY", new byte[] {1, 2}), "k")).isEqualTo(KeyRefusal.PRIVATE);
        assertThat(refusal(KEY.toJSONString(), "k")).as("a JWK with d").isEqualTo(KeyRefusal.PRIVATE);
        assertThat(refusal(new RSAKey.Builder(KEY.toRSAPublicKey()).build().toJSONString(), "")).isEqualTo(KeyRefusal.NO_KID);
        assertThat(refusal(pem("PUBLIC KEY", KEY.toRSAPublicKey().getEncoded()), " ")).isEqualTo(KeyRefusal.NO_KID);
        var ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        assertThat(refusal(ec.toPublicJWK().toJSONString(), null)).isEqualTo(KeyRefusal.NOT_RSA);
        assertThat(refusal(pem("PUBLIC KEY", ec.toECPublicKey().getEncoded()), "ec")).isEqualTo(KeyRefusal.NOT_RSA);
        assertThat(refusal("ssh-rsa AAAAB3Nza... me@host", "k")).isEqualTo(KeyRefusal.NOT_A_KEY);
        assertThat(refusal("{\"kty\":", "k")).isEqualTo(KeyRefusal.NOT_A_KEY);
        assertThat(refusal(pem("PUBLIC KEY", new byte[] {1, 2, 3}), "k")).isEqualTo(KeyRefusal.NOT_A_KEY);
        assertThat(refusal("", "k")).isEqualTo(KeyRefusal.NOT_A_KEY);
    }
}
