package no.formidling.bridge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import no.formidling.testsupport.IntegrationTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole server with the Camunda job executor on (so transfers get Published), the bridge scheduler off
 * (tests start runs themselves) and a fault injector in front of the Broker API. One shared context for all bridge ITs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = {"camunda.bpm.job-execution.enabled=true", "formidling.bridge.scheduler=false"})
@Import(BrokerFaults.class)
public @interface BridgeIntegrationTest {
}
