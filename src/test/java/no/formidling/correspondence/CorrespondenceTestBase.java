package no.formidling.correspondence;

import no.formidling.testsupport.CorrespondenceApi;
import no.formidling.testsupport.IntegrationTest;
import no.formidling.testsupport.NotificationReceivers;
import no.formidling.testsupport.ProcessDriver;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One server context for all Correspondence tests, wired to a real SMTP server (GreenMail) and a real SMS webhook. */
@IntegrationTest
abstract class CorrespondenceTestBase {
    static final String RESOURCE = "corr-it";
    static final String ORG_A = "310000001";
    static final String ORG_B = "310000002";
    static final String READ = "altinn:correspondence.read";

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient db;

    CorrespondenceApi api;
    ProcessDriver process;
    String owner;

    @DynamicPropertySource
    static void receivers(DynamicPropertyRegistry registry) {
        NotificationReceivers.register(registry);
    }

    @BeforeEach
    void setUpApi() {
        api = new CorrespondenceApi(port);
        process = new ProcessDriver(runtime, management);
        api.resource(RESOURCE, "Tilskuddsordningen");
        owner = api.ownerToken();
    }

    long events(java.util.UUID id, String name) {
        return db.sql("select count(*) from outbox_event where resource_instance = ? and type = ?")
                .params(id.toString(), "no.altinn.correspondence." + name.toLowerCase()).query(Long.class).single();
    }
}
