package no.formidling.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Counts database commits (DESIGN.md: "commits are the budget"), exposed as the metric
 * {@code formidling.db.commits} and read by the commit-budget test and the benchmarks.
 */
@Component
public class CommitCounter implements BeanPostProcessor, SmartInitializingSingleton {
    private final AtomicLong commits = new AtomicLong();
    private final ObjectProvider<MeterRegistry> meters;

    CommitCounter(ObjectProvider<MeterRegistry> meters) {
        this.meters = meters;
    }

    public long commits() {
        return commits.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource ds && !(bean instanceof CountingDataSource)) {
            return new CountingDataSource(ds);
        }
        return bean;
    }

    @Override
    public void afterSingletonsInstantiated() {
        meters.ifAvailable(registry -> FunctionCounter.builder("formidling.db.commits", commits, AtomicLong::get)
                .description("Database transactions committed").register(registry));
    }

    private final class CountingDataSource extends DelegatingDataSource {
        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws java.sql.SQLException {
            return counting(super.getConnection(username, password));
        }

        private Connection counting(Connection target) {
            InvocationHandler handler = (proxy, method, args) -> {
                try {
                    Object result = method.invoke(target, args);
                    if (method.getName().equals("commit") && (args == null || args.length == 0)) {
                        commits.incrementAndGet();
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        }
    }
}
