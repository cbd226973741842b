package no.formidling.bridge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import no.formidling.testsupport.IntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole server with the bridge scheduler off (tests start runs themselves) and a fault injector in front of
 * the Broker API. One shared context for all bridge ITs. The job executor stays off as in every test context:
 * contexts share one database, and a running executor would take jobs that process tests drive by hand
 * (with scanner {@code none} a transfer is Published within its upload request, no job needed).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = "formidling.bridge.scheduler=false")
@Import(BrokerFaults.class)
public @interface BridgeIntegrationTest {
}
