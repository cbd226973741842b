package no.formidling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes rolled out at the same moment on a fresh database and a fresh shared data folder, as a first
 * deployment of two replicas does: both come up (the schema is created once, the other node waits), and they
 * act as one issuer of dev tokens, with one key, although each runs on a port of its own.
 */
class TwoNodeStartIT {
    private static final int ROUNDS = 3;
    @TempDir
    Path tmp;
    private final List<ServerProcess> nodes = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(ServerProcess::kill);
        databases.forEach(ServerProcess::dropDatabase);
    }

    @Test
    void twoNodesStartedTogetherOnAFreshDatabaseBothComeUpAndShareOneTokenIssuer() {
        for (int round = 1; round <= ROUNDS; round++) {
            String db = ServerProcess.uniqueDatabaseName("formidling_two_nodes");
            databases.add(db);
            ServerProcess.createDatabase(db);
            Path shared = tmp.resolve("round-" + round);
            List<String> args = new ArrayList<>(ServerProcess.onDatabase(db));
            args.add("--formidling.data-dir=" + shared.resolve("data"));
            ServerProcess a = ServerProcess.launch("two-nodes-" + round + "-a", ServerProcess.freePort(), shared.resolve("a"), args);
            ServerProcess b = ServerProcess.launch("two-nodes-" + round + "-b", ServerProcess.freePort(), shared.resolve("b"), args);
            nodes.add(a);
            nodes.add(b);
            a.awaitHealthy();
            b.awaitHealthy();
            assertThat(a.log() + b.log()).as("round " + round).doesNotContain("ENGINE-03015").doesNotContain("duplicate key");

            BrokerApi apiA = new BrokerApi(a.port());
            BrokerApi apiB = new BrokerApi(b.port());
            assertThat(apiB.get("/.well-known/jwks.json", null).body()).as("round " + round + ": one key")
                    .isEqualTo(apiA.get("/.well-known/jwks.json", null).body());
            String fromA = apiA.serviceOwnerToken();
            String fromB = apiB.serviceOwnerToken();
            BrokerApi.Response onB = apiB.get("/broker/api/v1/resource/" + BrokerApi.DEMO_RESOURCE, fromA);
            assertThat(onB.status()).as("round " + round + ": node B accepts node A's token: " + onB.body()).isEqualTo(200);
            BrokerApi.Response onA = apiA.get("/broker/api/v1/resource/" + BrokerApi.DEMO_RESOURCE, fromB);
            assertThat(onA.status()).as("round " + round + ": node A accepts node B's token: " + onA.body()).isEqualTo(200);
            BrokerApi.Response forged = apiA.get("/broker/api/v1/resource/" + BrokerApi.DEMO_RESOURCE, fromA.substring(0, fromA.length() - 4) + "AAAA");
            assertThat(forged.status()).as("a tampered token is still refused").isEqualTo(401);

            a.kill();
            b.kill();
        }
    }
}
