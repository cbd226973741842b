package no.formidling.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import no.formidling.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The README's walkthrough of the real flow, run as written (with curl and openssl) against a running server. */
@IntegrationTest
class ReadmeRealFlowIT {
    @LocalServerPort
    int port;
    @Value("${formidling.data-dir}")
    Path dataDir;

    @Test
    void theReadmesCurlAndOpensslWalkthroughReachesTheBrokerAsTheDemoSystemUser() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("### Walkthrough: the real flow");
        assertThat(section).as("the README has the walkthrough").isPositive();
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        String script = readme.substring(start, readme.indexOf("\n```", start))
                .replace("B=http://localhost:8080", "B=http://localhost:" + port)
                .replace("KEY=data/maskinporten-demo-key.pem", "KEY='" + dataDir.resolve(IdentityDemo.PRIVATE_KEY_FILE).toAbsolutePath() + "'");
        assertThat(script).contains("http://localhost:" + port).contains(dataDir.toAbsolutePath().toString());

        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertThat(bash.exitValue()).as(out).isZero();
        assertThat(out).as("the search answer of the Broker, as 310000001").startsWith("[").endsWith("]");
    }
}
