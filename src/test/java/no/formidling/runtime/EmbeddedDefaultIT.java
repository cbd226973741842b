package no.formidling.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.ServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default as users run it, on the same machine, from real server processes: every data folder has
 * a database of its own, a second server on a folder in use refuses to start, and a stop (SIGTERM) takes the
 * database down only after the application has stopped using it.
 */
class EmbeddedDefaultIT {
    @TempDir
    Path tmp;
    private ServerProcess first;
    private ServerProcess other;

    @AfterEach
    void stop() {
        for (ServerProcess server : new ServerProcess[] {first, other}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void everyDataFolderHasItsOwnDatabaseAndASecondServerOnAFolderInUseRefuses() throws Exception {
        Path folderA = tmp.resolve("a");
        Path folderB = tmp.resolve("b");
        first = ServerProcess.launch("embedded-a", ServerProcess.freePort(), folderA, List.of());
        other = ServerProcess.launch("embedded-b", ServerProcess.freePort(), folderB, List.of());
        first.awaitHealthy();
        other.awaitHealthy();

        BrokerApi a = new BrokerApi(first.port());
        BrokerApi b = new BrokerApi(other.port());
        var created = a.putJson("/resourceregistry/api/v1/resource/only-in-a", a.serviceOwnerToken(),
                Map.of("title", "Only in A", "serviceOwnerOrgNo", BrokerApi.OWNER, "accessList", List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(a.get("/resourceregistry/api/v1/resource/only-in-a", a.serviceOwnerToken()).status()).isEqualTo(200);
        assertThat(b.get("/resourceregistry/api/v1/resource/only-in-a", b.serviceOwnerToken()).status())
                .as("server B must not see server A's data").isEqualTo(404);
        String portA = Files.readString(folderA.resolve("data/postgres.port")).trim();
        String portB = Files.readString(folderB.resolve("data/postgres.port")).trim();
        assertThat(portA).isNotEqualTo(portB).isNotEqualTo("15432");

        ServerProcess sameFolder = ServerProcess.launch("embedded-a-again", ServerProcess.freePort(), folderA, List.of());
        try {
            assertThat(sameFolder.awaitExit(Duration.ofMinutes(4))).as("exit code of a server on a folder in use").isNotZero();
            assertThat(sameFolder.log()).contains("Another Formidling server is already running on the data folder "
                    + folderA.resolve("data").toAbsolutePath().normalize());
        } finally {
            sameFolder.close();
        }
        assertThat(a.get("/resourceregistry/api/v1/resource/only-in-a", a.serviceOwnerToken()).status())
                .as("the refused server left the running one alone").isEqualTo(200);

        // Restarted on its folder, A finds its database again on the recorded port.
        first.stop(Duration.ofMinutes(1));
        first = ServerProcess.start("embedded-a-restarted", folderA, List.of());
        BrokerApi restarted = new BrokerApi(first.port());
        assertThat(restarted.get("/resourceregistry/api/v1/resource/only-in-a", restarted.serviceOwnerToken()).status()).isEqualTo(200);
        assertThat(Files.readString(folderA.resolve("data/postgres.port")).trim()).isEqualTo(portA);
    }

    @Test
    void sigtermStopsTheApplicationBeforeItsDatabaseAndLogsNoError() throws Exception {
        first = ServerProcess.start("embedded-sigterm", tmp.resolve("s"), List.of("--camunda.bpm.job-execution.enabled=true"));
        BrokerApi api = new BrokerApi(first.port());
        // Something for the job executor to work on while it is stopped.
        for (int i = 0; i < 5; i++) {
            api.initializeOk(api.token(BrokerApi.ORG_A, BrokerApi.WRITE_READ), BrokerApi.DEMO_RESOURCE, "0192:" + BrokerApi.ORG_A,
                    List.of("0192:" + BrokerApi.ORG_B), Map.of());
        }

        assertThat(first.stop(Duration.ofSeconds(30))).as("exit code after SIGTERM").isIn(0, 143);

        String log = first.log();
        assertThat(log).doesNotContain(" ERROR ").doesNotContain("ENGINE-16004").doesNotContain("Broken pipe");
        int engineClosed = log.indexOf("Process Engine default closed");
        int poolClosed = log.indexOf("embedded - Shutdown completed");
        // zonky logs this from the stopping thread once pg_ctl stop returned; PostgreSQL's own "received fast shutdown
        // request" comes through an asynchronous pipe reader and may be lost when the JVM exits.
        int databaseStopping = log.indexOf("shut down postmaster");
        assertThat(engineClosed).as("the process engine was closed").isPositive();
        assertThat(databaseStopping).as("PostgreSQL was stopped").isPositive();
        assertThat(log.indexOf("Commencing graceful shutdown")).as("requests drained first").isBetween(0, engineClosed);
        assertThat(poolClosed).as("the pool closed after the engine").isGreaterThan(engineClosed);
        assertThat(databaseStopping).as("PostgreSQL stopped last").isGreaterThan(poolClosed);
    }
}
