package no.formidling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A clone of the repository must explain itself: the README and docs/ point only at files the repository has. */
class DocumentationTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void relativeLinksInTheDocsPointAtFilesOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (!target.matches("^[a-z]+:.*") && !Files.exists(doc.toAbsolutePath().getParent().resolve(target))) {
                    broken.add(doc + " -> " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theReadmeDoesNotSendNewcomersOutsideTheRepository() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).doesNotContainIgnoringCase("shared folder").doesNotContain("../shared");
        assertThat(readme).contains("docs/architecture.md").contains("docs/broker-api.md");
        assertThat(Path.of("docs/architecture.md")).content().contains("```mermaid");
    }

    private static List<Path> docs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            List<Path> all = new ArrayList<>(files.filter(p -> p.toString().endsWith(".md")).toList());
            all.add(Path.of("README.md"));
            all.add(Path.of("bench", "README.md"));
            return all;
        }
    }
}
