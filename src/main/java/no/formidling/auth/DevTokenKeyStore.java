package no.formidling.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The cluster's one dev token key and issuer, in the database. The first node to need them inserts its own
 * (insert-if-absent, so nodes starting together cannot end up with two); every node then reads the row that won.
 * The issuer is fixed at that moment from {@code formidling.base-url}; a key left by an earlier version in
 * {@code <data-dir>/dev-token-key.json} is taken over, so tokens already handed out stay valid.
 */
@Component
class DevTokenKeyStore {
    static final String LEGACY_KEY_FILE = "dev-token-key.json";
    private static final Logger log = LoggerFactory.getLogger(DevTokenKeyStore.class);
    private final JdbcTemplate jdbc;
    private final Path legacyKeyFile;
    private final String issuer;

    DevTokenKeyStore(JdbcTemplate jdbc, @Value("${formidling.data-dir}") Path dataDir, @Value("${formidling.base-url}") String baseUrl) {
        this.jdbc = jdbc;
        this.legacyKeyFile = dataDir.resolve(LEGACY_KEY_FILE);
        this.issuer = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/dev-tokens";
    }

    DevTokenIssuer.Identity loadOrCreate() {
        List<DevTokenIssuer.Identity> existing = read();
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        RSAKey key = legacyKeyOrNew();
        int inserted = jdbc.update("insert into dev_token_key (id, jwk, issuer) values (1, ?, ?) on conflict (id) do nothing",
                key.toJSONString(), issuer);
        DevTokenIssuer.Identity winner = read().get(0);
        if (inserted == 1) {
            log.info("Dev tokens: created the cluster's signing key, issuer {}", winner.issuer());
        }
        return winner;
    }

    private List<DevTokenIssuer.Identity> read() {
        return jdbc.query("select jwk, issuer from dev_token_key where id = 1", (rs, n) -> {
            try {
                return new DevTokenIssuer.Identity(RSAKey.parse(rs.getString("jwk")), rs.getString("issuer"));
            } catch (ParseException e) {
                throw new IllegalStateException("The dev token key in table dev_token_key is not a valid RSA JWK", e);
            }
        });
    }

    private RSAKey legacyKeyOrNew() {
        try {
            if (Files.exists(legacyKeyFile)) {
                RSAKey legacy = RSAKey.parse(Files.readString(legacyKeyFile));
                log.info("Dev tokens: taking over the signing key from {}", legacyKeyFile);
                return new RSAKey.Builder(legacy).keyID(DevTokenIssuer.KEY_ID).build();
            }
            return new RSAKeyGenerator(2048).keyID(DevTokenIssuer.KEY_ID).generate();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the dev token key " + legacyKeyFile, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("The dev token key " + legacyKeyFile + " is not a valid RSA JWK", e);
        }
    }
}
