package no.formidling.bridge.run;

import static no.formidling.bridge.BridgeTestSupport.outboundJob;
import static no.formidling.bridge.BridgeTestSupport.randomFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.config.BridgeProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Cron firing, one JobInstance per fire time, and one run of a job at a time in the cluster. */
@BridgeIntegrationTest
class BridgeSchedulerIT {
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @Autowired
    ClusterLock lock;
    @Autowired
    JobExplorer explorer;
    @TempDir
    Path tmp;

    @Test
    void cronFiresRunsIdentifiedByTheirScheduledTime() throws Exception {
        Path source = tmp.resolve("cron");
        randomFiles(source, "cron-", 3, 41);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("cron.yml"), outboundJob("cron-out", port, source, "").replace("0 0 2 * * *", "*/2 * * * * *"));
        catalog.load(jobs);
        BridgeScheduler scheduler = new BridgeScheduler(catalog, runner, new BridgeProperties(jobs, true));
        scheduler.start();
        try {
            assertThat(scheduler.nextRun("cron-out")).isPresent();
            await().atMost(Duration.ofMinutes(1)).until(() -> explorer.getJobInstanceCount("cron-out") >= 2
                    && Files.list(source).noneMatch(Files::isRegularFile));
        } finally {
            scheduler.stop();
        }
        var instances = explorer.getJobInstances("cron-out", 0, 100);
        for (var instance : instances) {
            for (JobExecution e : explorer.getJobExecutions(instance)) {
                assertThat(e.getJobParameters().getString(BridgeRunner.TRIGGER)).isEqualTo("schedule");
                LocalDateTime fireTime = (LocalDateTime) e.getJobParameters().getParameter(BridgeRunner.SCHEDULED_TIME).getValue();
                assertThat(fireTime.getSecond() % 2).as("an even second, the cron's fire time: %s", fireTime).isZero();
                assertThat(fireTime.getNano()).as("the fire time itself, not the moment the run started: %s", fireTime).isZero();
            }
        }
        assertThat(source.resolve("archive").toFile().list()).hasSize(3);
    }

    @Test
    void aJobRunsOnceAtATimeInTheCluster() throws Exception {
        Path source = tmp.resolve("locked");
        randomFiles(source, "locked-", 1, 42);
        Path jobs = Files.createDirectories(tmp.resolve("jobs"));
        Files.writeString(jobs.resolve("locked.yml"), outboundJob("locked-out", port, source, ""));
        catalog.load(jobs);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread otherNode = new Thread(() -> lock.runExclusively("locked-out", () -> {
            held.countDown();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        otherNode.start();
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> runner.run("locked-out", Instant.now(), "test"))
                    .isInstanceOf(BridgeRunner.NotLaunched.class).hasMessageContaining("running on another node");
        } finally {
            release.countDown();
            otherNode.join();
        }
        assertThat(runner.run("locked-out", Instant.now(), "test").getStatus().name()).isEqualTo("COMPLETED");
    }
}
