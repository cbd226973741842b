package no.formidling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone of the repository must explain itself: the README is short and maps docs/, and the README and docs/ point
 * only at files and sections the repository has.
 */
class DocumentationTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(?:#([^)\\s]*))?\\)");
    private static final Path README = Path.of("README.md");

    @Test
    void relativeLinksInTheDocsPointAtFilesAndSectionsOfTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher m = LINK.matcher(Files.readString(doc));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                Path file = target.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(target);
                if (!Files.exists(file)) {
                    broken.add(doc + " -> " + target);
                } else if (m.group(2) != null && file.toString().endsWith(".md") && !anchors(file).contains(m.group(2))) {
                    broken.add(doc + " -> " + target + "#" + m.group(2));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theReadmeIsShortAndMapsEveryPageOfDocs() throws IOException {
        String readme = Files.readString(README);
        assertThat(readme.lines().count()).as("lines of README.md").isLessThan(250);
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".md")).map(p -> "(docs/" + p.getFileName() + ")"))
                    .as("every page of docs/ is linked from the README").allSatisfy(link -> assertThat(readme).contains(link));
        }
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        List<String> readme = Files.readAllLines(README);
        String command = IntStream.range(0, readme.size() - 1).filter(i -> readme.get(i).startsWith("# run the whole test suite"))
                .mapToObj(i -> readme.get(i + 1)).findFirst().orElseThrow();
        assertThat(command).startsWith("mvn ");
        assertThat(Files.readAllLines(Path.of(".ci", "run"))).as(".ci/run").contains(command);
    }

    @Test
    void theReadmeDoesNotSendNewcomersOutsideTheRepository() throws IOException {
        String readme = Files.readString(README);
        assertThat(readme).doesNotContainIgnoringCase("shared folder").doesNotContain("../shared");
        assertThat(Path.of("docs/architecture.md")).content().contains("```mermaid");
    }

    /** The anchors GitHub gives the headings of a Markdown file (outside code blocks). */
    private static Set<String> anchors(Path file) throws IOException {
        List<String> headings = new ArrayList<>();
        boolean code = false;
        for (String line : Files.readAllLines(file)) {
            code ^= line.startsWith("```");
            if (!code && line.matches("^#{1,6} .*")) {
                headings.add(line.replaceFirst("^#+ ", ""));
            }
        }
        return headings.stream()
                .map(h -> h.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    private static List<Path> docs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            List<Path> all = new ArrayList<>(files.filter(p -> p.toString().endsWith(".md")).toList());
            all.add(README);
            all.add(Path.of("bench", "README.md"));
            return all;
        }
    }
}
