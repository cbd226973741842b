package no.formidling.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Counts database commits as PostgreSQL counts them (DESIGN.md: "commits are the budget"): explicit commits,
 * read-only ones included, and every statement run in auto-commit mode. Exposed as the metric
 * {@code formidling.db.commits}; read by the commit-budget test and the benchmarks.
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
            return proxy(Connection.class, target, (method, result) -> {
                if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                    commits.incrementAndGet();
                } else if (result instanceof Statement statement && target.getAutoCommit()) {
                    // Only a statement made in auto-commit mode can commit by itself; the others (most of them, inside
                    // transactions) stay unwrapped, since a proxy on every setObject/execute costs a few % of CPU.
                    return counting(statement, target);
                }
                return result;
            });
        }

        /** A statement run with auto-commit on is a transaction of its own: PostgreSQL commits it, so we count it. */
        private Object counting(Statement statement, Connection connection) {
            Class<? extends Statement> type = statement instanceof CallableStatement ? CallableStatement.class
                    : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
            return proxy(type, statement, (method, result) -> {
                if (method.getName().startsWith("execute") && connection.getAutoCommit()) {
                    commits.incrementAndGet();
                }
                return result;
            });
        }
    }

    @FunctionalInterface
    private interface AfterCall {
        Object apply(java.lang.reflect.Method method, Object result) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, AfterCall after) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
