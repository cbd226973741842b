package no.formidling.correspondence;

import static no.formidling.testsupport.CorrespondenceApi.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import no.formidling.testsupport.BrokerApi;
import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.NotificationReceivers;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One server context for all Correspondence tests, wired to a real SMTP server (GreenMail) and a real SMS webhook. */
@IntegrationTest
abstract class CorrespondenceTestBase {
    static final String RESOURCE = "corr-it";
    /** A confidential resource: correspondences under it must say {@code isConfidential}. */
    static final String CONFIDENTIAL_RESOURCE = "corr-it-taushetsbelagt";
    static final String ORG_A = "310000001";
    static final String ORG_B = "310000002";
    static final String READ = "altinn:correspondence.read";

    /** One event row as committed to the outbox. */
    record OutboxRow(String type, String source, String resource, String resourceInstance, String subject) {
    }

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient db;
    @Autowired
    JwtDecoder jwtDecoder;

    CorrespondenceApi api;
    ProcessDriver process;
    String owner;
    /** The resource shared attachments are initialized for. */
    String resource;

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        NotificationReceivers.register(registry);
        // Upstream's test environments' floor, so that an expiry of one day can be tried
        registry.add("formidling.correspondence.attachment-minimum-expiration-days", () -> "1");
    }

    @BeforeEach
    void setUpApi() {
        api = new CorrespondenceApi(port);
        process = new ProcessDriver(runtime, management);
        api.resource(RESOURCE, "Tilskuddsordningen");
        api.resource(CONFIDENTIAL_RESOURCE, "Taushetsbelagt tilskudd", true);
        owner = api.ownerToken();
        resource = RESOURCE;
    }

    long events(UUID id, String name) {
        return db.sql("select count(*) from outbox_event where resource_instance = ? and type = ?")
                .params(id.toString(), "no.altinn.correspondence." + name.toLowerCase()).query(Long.class).single();
    }

    /** The notification orders of a correspondence (upstream's: one per party notified). */
    List<UUID> notificationOrders(UUID correspondenceId) {
        return db.sql("select id from corr_notification_order where correspondence_id = ? order by main desc, id")
                .param(correspondenceId).query(UUID.class).list();
    }

    /** The committed outbox rows about {@code id}, oldest first. */
    List<OutboxRow> outbox(UUID id) {
        return db.sql("select type, source, resource, resource_instance, subject from outbox_event where resource_instance = ? order by seq")
                .param(id.toString())
                .query((rs, n) -> new OutboxRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    /** The one job waiting at {@code activityId} in the correspondence's process. */
    Job jobAt(UUID id, String activityId) {
        List<Job> jobs = management.createJobQuery().processInstanceId(process.instance(id).getId()).activityId(activityId).list();
        assertThat(jobs).as("jobs at " + activityId).hasSize(1);
        return jobs.get(0);
    }

    /** Runs {@code action} as the holder of {@code token}, as a controller would (for steps without an HTTP route). */
    <T> T as(String token, Supplier<T> action) {
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwtDecoder.decode(token)));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    void publish(UUID id) {
        process.execute(id, "Task_ScanAttachments");
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    BrokerApi.Response initAttachment(String fileName, String checksum) {
        return initAttachment(fileName, checksum, Map.of());
    }

    /** Initializes a shared attachment; {@code extra} adds fields such as {@code expirationInDays}. */
    BrokerApi.Response initAttachment(String fileName, String checksum, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resourceId", resource);
        body.put("fileName", fileName);
        body.put("displayName", "Vedlegg");
        body.put("sendersReference", "att-" + UUID.randomUUID());
        body.put("checksum", checksum);
        body.putAll(extra);
        return api.http().postJson(BASE + "/attachment", owner, body);
    }

    BrokerApi.Response upload(UUID id, byte[] content) {
        return api.http().send(api.http().request(BASE + "/attachment/" + id + "/upload", owner)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    UUID sharedAttachment(String fileName, byte[] content) throws Exception {
        return sharedAttachment(fileName, content, Map.of());
    }

    UUID sharedAttachment(String fileName, byte[] content, Map<String, Object> extra) throws Exception {
        BrokerApi.Response init = initAttachment(fileName, md5(content), extra);
        assertThat(init.status()).as(init.body()).isEqualTo(200);
        UUID id = UUID.fromString(init.json().asText());
        BrokerApi.Response up = upload(id, content);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        assertThat(up.json().path("status").asText()).isEqualTo("Published");
        return id;
    }
}
