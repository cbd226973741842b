package no.formidling.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import no.formidling.broker.FileTransferLifecycle;
import no.formidling.correspondence.CorrespondenceLifecycle;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

/**
 * A bare Camunda engine on an in-memory database, for testing the process models alone: no Spring, no job executor.
 * The test runs each job itself, one at a time, so every path is deterministic. The delegates are the real ones, over
 * mocked lifecycles that each test resets and scripts. One engine serves every model test: building one takes seconds.
 */
final class EngineOnly {
    static final FileTransferLifecycle FILE_TRANSFER_STEPS = mock(FileTransferLifecycle.class);
    static final CorrespondenceLifecycle CORRESPONDENCE_STEPS = mock(CorrespondenceLifecycle.class);
    private static EngineOnly shared;

    private final ProcessEngine engine;

    /** The engine with every model deployed; each test resets the lifecycle mocks it uses. */
    static synchronized EngineOnly shared() {
        if (shared == null) {
            Map<String, Object> beans = new HashMap<>(delegatesOf(new FileTransferDelegates(), FILE_TRANSFER_STEPS));
            beans.putAll(delegatesOf(new CorrespondenceDelegates(), CORRESPONDENCE_STEPS));
            shared = new EngineOnly(beans);
        }
        return shared;
    }

    private EngineOnly(Map<String, Object> beans) {
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setJdbcUrl("jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        config.setJobExecutorActivate(false);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        config.setBeans(new HashMap<>(beans));
        config.setProcessEngineName("engine-only-" + UUID.randomUUID());
        engine = config.buildProcessEngine();
        // every model in bpmn/, as the server deploys them: a new one is parsed and validated here too
        var deployment = engine.getRepositoryService().createDeployment();
        try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
            models.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".bpmn"))
                    .forEach(name -> deployment.addClasspathResource("bpmn/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        deployment.deploy();
        BpmnAwareTests.init(engine);
    }

    /** The delegates a {@code @Configuration} class declares, by bean name (its method's name), built on {@code lifecycle}. */
    private static Map<String, Object> delegatesOf(Object configuration, Object lifecycle) {
        Map<String, Object> beans = new HashMap<>();
        for (Method m : configuration.getClass().getDeclaredMethods()) {
            if (m.getReturnType() == JavaDelegate.class) {
                try {
                    m.setAccessible(true);
                    beans.put(m.getName(), m.invoke(configuration, lifecycle));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return beans;
    }

    ProcessEngine engine() {
        return engine;
    }

    /** The instance started with this business key. */
    ProcessInstance instance(UUID businessKey) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey.toString()).singleResult();
    }

    /** How many incidents the instance has raised. */
    long incidents(ProcessInstance instance) {
        return engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count();
    }

    /** Runs the one job waiting at {@code activityId}, as the job executor would; a failure is the delegate's exception. */
    void execute(ProcessInstance instance, String activityId) {
        engine.getManagementService().executeJob(job(instance, activityId).getId());
    }

    /** The one job of the instance at {@code activityId} (an async step or a timer). */
    Job job(ProcessInstance instance, String activityId) {
        List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).list();
        assertThat(jobs).as("jobs at " + activityId).hasSize(1);
        return jobs.get(0);
    }

    /** Runs the job at {@code activityId} until its retries are used up; returns how many times it ran. */
    int executeUntilOutOfRetries(ProcessInstance instance, String activityId) {
        int runs = 0;
        while (job(instance, activityId).getRetries() > 0) {
            runs++;
            try {
                execute(instance, activityId);
            } catch (RuntimeException expected) {
                // the step failed; the engine counts the attempt and schedules the next
            }
        }
        return runs;
    }
}
