package no.formidling.scan;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code formidling.scan.clamav.*}: where clamd listens and how much it accepts.
 *
 * @param host            clamd's TCP host (used when {@code socket} is not set)
 * @param port            clamd's TCP port
 * @param socket          path of clamd's local (Unix) socket; takes precedence over host/port
 * @param streamMaxLength clamd's {@code StreamMaxLength}: a longer file cannot be scanned and is never published.
 *                        clamd cannot be asked for it, so set both to the same value (clamd's default is 25M, its maximum 4G)
 * @param chunkSize       size of the INSTREAM chunks
 * @param connectTimeout  connecting to clamd
 * @param readTimeout     waiting for clamd between chunks and for its verdict
 */
@ConfigurationProperties("formidling.scan.clamav")
record ClamAvProperties(
        @DefaultValue("localhost") String host,
        @DefaultValue("3310") int port,
        String socket,
        @DefaultValue("25MB") DataSize streamMaxLength,
        @DefaultValue("64KB") DataSize chunkSize,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10M") Duration readTimeout) {
}
