package no.formidling.runtime;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default: when no {@code spring.datasource.url} is configured, a real PostgreSQL is started
 * in-process with its data under {@code <data-dir>/postgres}, fsync on, so users' data survives restarts.
 * It is a dependency of the data source, so Spring stops it only after everything that uses the database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfig {

    @Bean(destroyMethod = "stop")
    EmbeddedDatabase embeddedDatabase(@Value("${formidling.data-dir}") Path dataDir,
                                      @Value("${formidling.embedded-db.port:0}") int port) {
        return EmbeddedDatabase.start(dataDir, port);
    }

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(database.jdbcUrl());
        ds.setUsername("postgres");
        ds.setPoolName("embedded");
        return ds;
    }
}
