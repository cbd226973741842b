package no.formidling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The map in docs/architecture.md, checked on the compiled classes. A feature is a package directly under
 * {@code no.formidling}; its <em>published face</em> is the public types of that package itself. Its subpackages
 * and its package-private types are its own.
 */
class ArchitectureTest {
    private static final String BASE = "no.formidling.";
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("no.formidling");

    /** Which feature uses which: every arrow here exists in the code, and the code has no other. */
    static final Map<String, Set<String>> ARROWS = Map.ofEntries(
            entry("app", Set.of("auth", "broker", "correspondence", "identity", "register", "web")),
            entry("ops", Set.of("app", "audit", "auth", "bridge", "broker", "events", "identity", "process", "scan", "storage", "web")),
            entry("runtime", Set.of("auth", "broker")),
            entry("process", Set.of("broker", "correspondence", "scan", "web")),
            entry("broker", Set.of("auth", "events", "scan", "storage", "web")),
            entry("correspondence", Set.of("auth", "events", "register", "scan", "storage", "web")),
            entry("bridge", Set.of("audit", "auth", "web")),
            entry("identity", Set.of("auth", "web")),
            entry("events", Set.of("auth", "web")),
            entry("register", Set.of("auth", "web")),
            entry("auth", Set.of("web")),
            entry("storage", Set.of()),
            entry("scan", Set.of()),
            entry("audit", Set.of()),
            entry("web", Set.of()));

    @Test
    void featuresUseEachOtherExactlyAsTheMapDraws() {
        Map<String, Set<String>> actual = new TreeMap<>();
        crossings().forEach(c -> actual.computeIfAbsent(c.from(), f -> new TreeSet<>()).add(c.to()));
        ARROWS.forEach((from, to) -> actual.putIfAbsent(from, Set.of()));
        assertThat(actual).as("feature → the features it uses; update ARROWS and docs/architecture.md together")
                .isEqualTo(new TreeMap<>(ARROWS));
    }

    @Test
    void featuresReachEachOtherOnlyThroughTheirPublishedFaces() {
        assertThat(crossings().stream()
                .filter(c -> !isFace(c.target()))
                .map(Crossing::toString))
                .as("uses of another feature's subpackages or non-public types").isEmpty();
    }

    @Test
    void statusChangesAndTablesStayInsideTheirFeature() {
        assertThat(crossings().stream()
                .filter(c -> c.target().getSimpleName().endsWith("StatusService") || c.target().getSimpleName().endsWith("Repository"))
                .map(Crossing::toString))
                .as("a feature's status services and repositories, used from another feature").isEmpty();
    }

    @Test
    void onlyTheProcessPackageKnowsTheEngine() {
        noClasses().that().resideOutsideOfPackage("no.formidling.process..")
                .should().dependOnClassesThat().resideInAnyPackage("org.camunda..", "org.operaton..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("no.formidling.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theDocumentDrawsExactlyTheArrowsOfTheMap() throws IOException {
        String doc = Files.readString(Path.of("docs", "architecture.md"));
        int diagram = doc.indexOf("```mermaid", doc.indexOf("## Features"));
        String block = doc.substring(diagram, doc.indexOf("\n```", diagram + 1));
        Map<String, Set<String>> drawn = new TreeMap<>();
        Matcher edge = Pattern.compile("(?m)^\\s*(\\w+)(?:\\[[^\\]]*\\])?\\s*-->\\s*(.+)$").matcher(block);
        while (edge.find()) {
            for (String to : edge.group(2).split("&")) {
                drawn.computeIfAbsent(edge.group(1), f -> new TreeSet<>()).add(to.replaceAll("\\[.*", "").trim());
            }
        }
        ARROWS.forEach((from, to) -> drawn.putIfAbsent(from, Set.of()));
        assertThat(drawn).as("the arrows of docs/architecture.md's feature diagram").isEqualTo(new TreeMap<>(ARROWS));
    }

    /** A dependency of a class of one feature on a class of another. */
    record Crossing(JavaClass origin, String from, JavaClass target, String to) {
        @Override
        public String toString() {
            return origin.getName() + " -> " + target.getName();
        }
    }

    private static List<Crossing> crossings() {
        List<Crossing> crossings = new ArrayList<>();
        for (JavaClass origin : CLASSES) {
            for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType();
                String from = feature(origin);
                String to = feature(target);
                if (from != null && to != null && !from.equals(to)) {
                    crossings.add(new Crossing(origin, from, target, to));
                }
            }
        }
        return crossings;
    }

    /** The feature a class belongs to, or null outside the features (the application class, libraries). */
    private static String feature(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(BASE)) {
            return null;
        }
        int dot = pkg.indexOf('.', BASE.length());
        return dot < 0 ? pkg.substring(BASE.length()) : pkg.substring(BASE.length(), dot);
    }

    /** A public type of a feature's own package, or a public member type of one. */
    private static boolean isFace(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            if (!top.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
            top = top.getEnclosingClass().get();
        }
        return top.getModifiers().contains(JavaModifier.PUBLIC) && top.getPackageName().equals(BASE + feature(top));
    }
}
