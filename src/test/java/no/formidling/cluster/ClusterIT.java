package no.formidling.cluster;

import static no.formidling.testsupport.BrokerApi.ORG_A;
import static no.formidling.testsupport.BrokerApi.ORG_B;
import static no.formidling.testsupport.BrokerApi.WRITE_READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import no.formidling.bridge.BridgeTestSupport;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL database and one blob folder, used as one cluster: requests for a
 * transfer go to either node, timers and purges run on whichever node's job executor takes them, a scheduled
 * bridge run fires on both nodes and runs once, and a node killed mid-work leaves the other finishing it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String RESOURCE = "cluster-short-grace";
    private static final List<String> LIFECYCLE = List.of("Initialized", "UploadStarted", "UploadProcessing", "Published",
            "AllConfirmedDownloaded", "Purged");
    private static final String BRIDGE_JOB = "cluster-out";

    @TempDir
    static Path tmp;
    private final String db = ServerProcess.uniqueDatabaseName("formidling_cluster");
    private Path source;
    private ServerProcess nodeA;
    private ServerProcess nodeB;

    @BeforeAll
    void startTwoNodes() throws Exception {
        ServerProcess.createDatabase(db);
        source = Files.createDirectories(tmp.resolve("outbound"));
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        // Fires every 15 seconds on both nodes; each node sends through itself (its own base URL).
        Files.writeString(jobs.resolve(BRIDGE_JOB + ".yml"), BridgeTestSupport.outboundJob(BRIDGE_JOB, 0, source, "")
                .replace("http://localhost:0", "${formidling.base-url}")
                .replace("cron: \"0 0 2 * * *\"", "cron: \"0/15 * * * * *\""));
        List<String> args = new ArrayList<>(ServerProcess.onDatabase(db));
        args.addAll(List.of(
                "--formidling.data-dir=" + tmp.resolve("shared-data"),
                "--formidling.bridge.jobs-dir=" + jobs,
                "--formidling.bridge.scheduler=true",
                "--camunda.bpm.job-execution.enabled=true",
                // A dead node's job locks expire after this; the default (5 minutes) would only make the test slow.
                "--camunda.bpm.job-execution.lock-time-in-millis=15000",
                "--camunda.bpm.job-execution.max-wait=2000",
                "--spring.datasource.hikari.maximum-pool-size=8"));
        nodeA = ServerProcess.launch("cluster-a", ServerProcess.freePort(), tmp.resolve("a"), args);
        nodeB = ServerProcess.launch("cluster-b", ServerProcess.freePort(), tmp.resolve("b"), args);
        nodeA.awaitHealthy();
        nodeB.awaitHealthy();
        new BrokerApi(nodeA.port()).createResource(RESOURCE, List.of(ORG_A, ORG_B), Map.of("purgeFileTransferGracePeriod", "PT1S"));
    }

    @AfterAll
    void stopNodes() {
        for (ServerProcess node : new ServerProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.kill();
            }
        }
        ServerProcess.dropDatabase(db);
    }

    @Test
    @Order(1)
    void fiftyLifecyclesAcrossBothNodesEachReachPurgedWithEveryStatusOnce() throws Exception {
        BrokerApi a = new BrokerApi(nodeA.port());
        BrokerApi b = new BrokerApi(nodeB.port());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<UUID>> started = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            BrokerApi first = i % 2 == 0 ? a : b;
            BrokerApi second = i % 2 == 0 ? b : a;
            int n = i;
            started.add(clients.submit(() -> lifecycle(first, second, ("lifecycle " + n).getBytes(StandardCharsets.UTF_8))));
        }
        List<UUID> ids = new ArrayList<>();
        for (Future<UUID> f : started) {
            ids.add(f.get());
        }
        clients.shutdown();

        awaitAllPurged(ids);
        assertEveryStatusOnceAndNothingLeft(ids);
        for (UUID id : ids) {
            assertThat(tmp.resolve("shared-data/blobs").resolve(id.toString().substring(0, 2)).resolve(id.toString()))
                    .as("blob of " + id + " purged").doesNotExist();
        }
    }

    @Test
    @Order(2)
    void aScheduledBridgeRunFiringOnBothNodesRunsOnce() throws Exception {
        Map<String, byte[]> files = BridgeTestSupport.randomFiles(source, "cluster-", 20, 7);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> archived() == files.size());
        // Let both nodes fire at least once more (on an empty folder) after the files are through.
        long runsSoFar = count("select count(*) from batch_job_instance where job_name = ?", BRIDGE_JOB);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from batch_job_instance where job_name = ?", BRIDGE_JOB) >= runsSoFar + 1);

        assertThat(count("select count(*) from batch_job_instance i where job_name = ? and "
                + "(select count(*) from batch_job_execution e where e.job_instance_id = i.job_instance_id) <> 1", BRIDGE_JOB))
                .as("every fire time ran exactly once in the cluster").isZero();
        assertThat(count("select count(*) from batch_job_execution e join batch_job_instance i using (job_instance_id) "
                + "where i.job_name = ? and e.status <> 'COMPLETED' and e.end_time is not null", BRIDGE_JOB)).as("no failed run").isZero();
        assertThat(nodeA.log() + nodeB.log()).as("the other node fired the same time and stood back")
                .contains("Bridge job " + BRIDGE_JOB + ": scheduled run for");
        assertThat(count("select count(*) from file_transfer where senders_reference like ?", BRIDGE_JOB + "/%"))
                .as("every file sent once").isEqualTo(files.size());
        assertThat(count("select count(distinct file_name) from file_transfer where senders_reference like ?", BRIDGE_JOB + "/%"))
                .isEqualTo(files.size());
    }

    @Test
    @Order(3)
    void killingOneNodeMidWorkLeavesTheOtherFinishingEverything() throws Exception {
        BrokerApi b = new BrokerApi(nodeB.port());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<UUID>> started = IntStream.range(0, 20)
                .mapToObj(i -> clients.submit(() -> lifecycle(b, b, ("before the kill " + i).getBytes(StandardCharsets.UTF_8))))
                .toList();
        List<UUID> ids = new ArrayList<>();
        for (Future<UUID> f : started) {
            ids.add(f.get());
        }
        clients.shutdown();
        long unfinished = count("select count(*) from file_transfer where id = any(?::uuid[]) and status <> 'Purged'",
                (Object) ids.stream().map(UUID::toString).toArray(String[]::new));
        nodeB.kill();
        assertThat(unfinished).as("node B was killed with work in progress").isPositive();

        awaitAllPurged(ids);
        assertEveryStatusOnceAndNothingLeft(ids);
        assertThat(nodeA.isAlive()).isTrue();
    }

    /** Initialize and upload on one node, download and confirm on the other: the transfer then purges itself. */
    private static UUID lifecycle(BrokerApi first, BrokerApi second, byte[] content) {
        String sender = first.token(ORG_A, WRITE_READ);
        UUID id = first.initializeOk(sender, RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        BrokerApi.Response upload = second.upload(sender, id, content);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        String recipient = first.token(ORG_B, "altinn:broker.read");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> "Published".equals(first.status(sender, id)));
        BrokerApi.Response download = second.download(recipient, id, null);
        assertThat(download.raw().body()).isEqualTo(content);
        assertThat(first.confirm(recipient, id).status()).isEqualTo(200);
        return id;
    }

    private void awaitAllPurged(List<UUID> ids) {
        String[] array = ids.stream().map(UUID::toString).toArray(String[]::new);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> count("select count(*) from file_transfer where id = any(?::uuid[]) and status = 'Purged'", (Object) array) == ids.size());
    }

    private void assertEveryStatusOnceAndNothingLeft(List<UUID> ids) throws SQLException {
        for (UUID id : ids) {
            assertThat(strings("select status from file_transfer_status_history where file_transfer_id = ?::uuid order by changed, id", id.toString()))
                    .as("status history of " + id).containsExactlyElementsOf(LIFECYCLE);
            assertThat(strings("select type from outbox_event where resource_instance = ? and type like '%filepurged'", id.toString()))
                    .as("purged once: " + id).hasSize(1);
            assertThat(count("select count(*) from (select type, subject from outbox_event where resource_instance = ? "
                    + "group by type, subject having count(*) > 1) twice", id.toString())).as("no event twice for " + id).isZero();
        }
        assertThat(count("select count(*) from act_ru_incident")).as("no incidents").isZero();
        assertThat(count("select count(*) from act_ru_job where exception_msg_ is not null")).as("no job failed and waits for a retry").isZero();
        assertThat(count("select count(*) from act_ru_execution where business_key_ = any(?)",
                (Object) ids.stream().map(UUID::toString).toArray(String[]::new)))
                .as("every process has ended").isZero();
    }

    private long archived() throws Exception {
        Path archive = source.resolve("archive");
        if (!Files.isDirectory(archive)) {
            return 0;
        }
        try (var list = Files.list(archive)) {
            return list.count();
        }
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> strings(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(ServerProcess.POSTGRES + db, "postgres", "");
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
        return ps;
    }
}
