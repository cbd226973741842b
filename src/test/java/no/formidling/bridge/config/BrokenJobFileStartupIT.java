package no.formidling.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import no.formidling.FormidlingApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.NestedExceptionUtils;

/** A broken job file stops the server from starting, and the reason names the file and the key. */
class BrokenJobFileStartupIT {
    @TempDir
    Path jobs;

    @Test
    void serverRefusesToStartWithABrokenJobFile() throws Exception {
        Files.writeString(jobs.resolve("nightly.yml"), """
                name: nightly
                direction: outbound
                schedule: {cron: "0 0 25 * * *"}
                source: {type: folder, directory: /tmp/x}
                broker: {baseUrl: "http://localhost:8080", resourceId: demo, sender: "0192:310000001",
                         recipients: {static: ["0192:310000002"]}, auth: {type: dev, orgNo: "310000001"}}
                """);

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(FormidlingApplication.class)
                .profiles("test")
                .properties("server.port=0", "formidling.bridge.jobs-dir=" + jobs)
                .run().close());

        assertThat(failure).isNotNull();
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        assertThat(cause).isInstanceOf(JobFileException.class);
        assertThat(cause.getMessage()).contains(jobs.resolve("nightly.yml").toString()).contains("key 'schedule.cron'")
                .contains("'0 0 25 * * *' is not a cron expression");
    }
}
