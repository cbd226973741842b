package no.formidling.events;

import static no.formidling.testsupport.BrokerApi.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server runs as a child JVM on a database of its own; it is killed (SIGKILL) while a delivery waits for its
 * next attempt, and a new server on the same database delivers it: pending deliveries survive a restart.
 */
class EventDeliveryRestartIT {
    private static final String DB = "formidling_events_restart_" + Long.toHexString(System.nanoTime() & 0xffffffffL);
    @TempDir
    Path tmp;
    private Process server;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
        if (receiver != null) {
            receiver.close();
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + DB + " with (force)");
        }
    }

    @Test
    void aDeliveryWaitingForItsRetryIsSentByTheNextServer() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            c.createStatement().execute("drop database if exists " + DB + " with (force)");
            c.createStatement().execute("create database " + DB);
        }
        receiver = new WebhookReceiver();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = start(port, "first");
        BrokerApi api = new BrokerApi(port);
        String subscriber = api.token(ORG_A, "altinn:events.subscribe");
        BrokerApi.Response created = api.postJson("/events/api/v1/subscriptions", subscriber, Map.of(
                "endPoint", receiver.endpoint("restart"), "resourceFilter", "urn:altinn:resource:" + DEMO_RESOURCE,
                "typeFilter", "no.altinn.broker.filetransferinitialized"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long subscription = created.json().get("id").asLong();
        await().atMost(Duration.ofMinutes(1)).until(() -> api.get("/events/api/v1/subscriptions/" + subscription, subscriber).json().path("validated").asBoolean());

        receiver.answer("restart", 503);
        UUID id = api.initializeOk(api.token(ORG_A, WRITE_READ), DEMO_RESOURCE, "0192:" + ORG_A, List.of("0192:" + ORG_B), Map.of());
        await().atMost(Duration.ofMinutes(1)).until(() -> attempts(id) >= 1);
        server.destroyForcibly().waitFor();
        server = null;
        assertThat(receiver.accepted("restart")).isEmpty();
        assertThat(state(id)).as("still owed after the crash").isEqualTo("pending");

        receiver.answer("restart", 200);
        server = start(port, "second");
        await().atMost(Duration.ofMinutes(2)).until(() -> !receiver.accepted("restart").isEmpty());
        await().atMost(Duration.ofMinutes(1)).until(() -> "delivered".equals(state(id)));
        assertThat(receiver.accepted("restart")).hasSize(1);
        assertThat(receiver.accepted("restart").get(0).body().path("resourceinstance").asText()).isEqualTo(id.toString());
    }

    private Process start(int port, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "no.formidling.FormidlingApplication",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + DB,
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--formidling.data-dir=" + tmp.resolve("data"),
                "--formidling.bridge.scheduler=false",
                "--formidling.events.delivery.enabled=true",
                "--formidling.events.delivery.poll-interval=PT0.1S",
                // Long enough that the first server is killed while the delivery waits for its second attempt.
                "--formidling.events.delivery.retry-delays=PT2S,PT2S,PT2S,PT2S,PT2S"));
        File log = Path.of("target", "events-restart-server-" + name + ".log").toAbsolutePath().toFile();
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("server exited: " + Files.readString(log.toPath()));
                }
                try {
                    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + "/actuator/health")).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        return p;
    }

    private static int attempts(UUID transfer) throws Exception {
        String v = delivery(transfer, "attempts");
        return v == null ? 0 : Integer.parseInt(v);
    }

    private static String state(UUID transfer) throws Exception {
        return delivery(transfer, "state");
    }

    private static String delivery(UUID transfer, String column) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DB, "postgres", "");
             PreparedStatement ps = c.prepareStatement("select d." + column + " from event_delivery d join outbox_event e on e.id = d.event_id "
                     + "where e.resource_instance = ?")) {
            ps.setString(1, transfer.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
