package no.formidling.bridge.bench;

import java.nio.file.Path;
import no.formidling.bridge.BridgeIntegrationTest;
import no.formidling.bridge.run.BridgeRunner;
import no.formidling.bridge.run.JobCatalog;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Benchmarks with printed figures, no thresholds, on the whole server in this JVM: what every bridge benchmark shares.
 * Sizes: -Dbench.files (10000), -Dbench.fileKiB (10), -Dbench.bigMiB (1024).
 */
@BridgeIntegrationTest
abstract class BridgeBenchBase {
    @LocalServerPort
    int port;
    @Autowired
    JobCatalog catalog;
    @Autowired
    BridgeRunner runner;
    @TempDir
    Path tmp;
}
