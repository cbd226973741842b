package no.formidling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The cluster's dev token key: created once however many nodes ask at the same moment, and an old key file is kept. */
@IntegrationTest
class DevTokenKeyStoreIT {
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dataDir;
    private Map<String, Object> saved;

    @BeforeEach
    void takeTheRowAway() {
        saved = jdbc.queryForList("select id, jwk, issuer from dev_token_key").stream().findFirst().orElse(null);
        jdbc.update("delete from dev_token_key");
    }

    @AfterEach
    void putItBack() {
        jdbc.update("delete from dev_token_key");
        if (saved != null) {
            jdbc.update("insert into dev_token_key (id, jwk, issuer) values (?, ?, ?)", saved.get("id"), saved.get("jwk"), saved.get("issuer"));
        }
    }

    @Test
    void nodesAskingAtTheSameMomentAllGetTheOneKeyAndTheFirstIssuer() throws Exception {
        int nodes = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        List<Future<DevTokenIssuer.Identity>> answers = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            DevTokenKeyStore node = new DevTokenKeyStore(jdbc, dataDir.resolve("node-" + i), "http://localhost:" + (9000 + i) + "/");
            answers.add(pool.submit(() -> {
                go.await();
                return node.loadOrCreate();
            }));
        }
        go.countDown();
        List<DevTokenIssuer.Identity> identities = new ArrayList<>();
        for (Future<DevTokenIssuer.Identity> answer : answers) {
            identities.add(answer.get());
        }
        pool.shutdown();
        assertThat(identities).extracting(id -> id.key().toPublicJWK().toJSONString()).containsOnly(identities.get(0).key().toPublicJWK().toJSONString());
        assertThat(identities).extracting(DevTokenIssuer.Identity::issuer).containsOnly(identities.get(0).issuer());
        assertThat(identities.get(0).issuer()).matches("http://localhost:900\\d/dev-tokens");
        assertThat(jdbc.queryForObject("select count(*) from dev_token_key", Long.class)).isEqualTo(1);
        assertThat(new DevTokenKeyStore(jdbc, dataDir, "http://elsewhere:1").loadOrCreate().issuer())
                .as("a later start keeps the issuer").isEqualTo(identities.get(0).issuer());
    }

    @Test
    void aKeyFileFromAnEarlierVersionIsTakenOverSoItsTokensStayValid() throws Exception {
        RSAKey old = new RSAKeyGenerator(2048).keyID(DevTokenIssuer.KEY_ID).generate();
        Files.writeString(dataDir.resolve(DevTokenKeyStore.LEGACY_KEY_FILE), old.toJSONString());
        DevTokenIssuer.Identity identity = new DevTokenKeyStore(jdbc, dataDir, "http://localhost:8080").loadOrCreate();
        assertThat(identity.key().toPublicJWK()).isEqualTo(old.toPublicJWK());
        assertThat(identity.issuer()).isEqualTo("http://localhost:8080/dev-tokens");
    }
}
