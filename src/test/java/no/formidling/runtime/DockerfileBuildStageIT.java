package no.formidling.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The container image's build stage, replayed without a Docker engine: its COPY lines into an empty folder, then its
 * Maven command there. A file the build needs that the stage does not copy, or a tool it does not bring, fails here
 * instead of at a user's {@code docker compose up}.
 */
class DockerfileBuildStageIT {

    @Test
    void theBuildStageBuildsTheJarFromWhatItCopies(@TempDir Path context) throws Exception {
        List<String> stage = buildStage(Files.readString(Path.of("Dockerfile")));
        List<String> commands = new ArrayList<>();
        boolean bringsNode = false;
        for (String line : stage) {
            if (line.startsWith("COPY --from=")) {
                bringsNode |= line.contains("/bin/node");
            } else if (line.startsWith("COPY ")) {
                copy(Arrays.asList(line.substring(5).trim().split("\\s+")), context);
            } else if (line.startsWith("RUN ")) {
                String command = line.substring(4).trim();
                bringsNode |= command.contains("nodejs");
                if (command.startsWith("mvn ")) {
                    commands.add(command);
                }
            }
        }
        if (Files.readString(Path.of("pom.xml")).contains("<executable>npm</executable>")) {
            assertThat(bringsNode).as("the build runs npm, so the build stage must bring Node").isTrue();
        }
        assertThat(commands).as("the stage builds with Maven").isNotEmpty();

        for (String command : commands) {
            Process build = new ProcessBuilder("bash", "-c", command).directory(context.toFile()).redirectErrorStream(true)
                    .redirectOutput(context.resolve("build.log").toFile()).start();
            assertThat(build.waitFor(15, TimeUnit.MINUTES)).isTrue();
            assertThat(build.exitValue()).as(Files.readString(context.resolve("build.log"))).isZero();
        }
        Path jar;
        try (Stream<Path> jars = Files.list(context.resolve("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("formidling-.*\\.jar")).findFirst().orElseThrow();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(zip.getEntry("BOOT-INF/classes/static/assets/tus/tus.min.js")).as("the send page's TUS client, from npm").isNotNull();
            assertThat(zip.getEntry("BOOT-INF/classes/bpmn/broker-file-transfer.bpmn") != null
                    || zip.stream().anyMatch(e -> e.getName().endsWith("broker-file-transfer.bpmn"))).as("the process models").isTrue();
        }
    }

    /** The lines of the stage named {@code build}, with continuation lines joined. */
    static List<String> buildStage(String dockerfile) {
        List<String> lines = new ArrayList<>();
        boolean inStage = false;
        for (String line : dockerfile.replace("\\\n", " ").split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("FROM ")) {
                inStage = trimmed.toLowerCase().endsWith(" as build");
            } else if (inStage && !trimmed.isEmpty() && !trimmed.startsWith("#")) {
                lines.add(trimmed);
            }
        }
        return lines;
    }

    /** Docker's COPY for local sources: the last argument is the destination (a folder when it ends in '/' or there are several sources). */
    private static void copy(List<String> args, Path context) throws IOException {
        List<String> sources = args.subList(0, args.size() - 1);
        String destination = args.get(args.size() - 1);
        boolean intoFolder = destination.endsWith("/") || destination.equals(".") || sources.size() > 1;
        for (String source : sources) {
            Path from = Path.of(source);
            assertThat(from).as("the stage copies " + source).exists();
            Path to = intoFolder && !Files.isDirectory(from) ? context.resolve(destination).resolve(from.getFileName()) : context.resolve(destination);
            Files.createDirectories(to.getParent());
            if (Files.isDirectory(from)) {
                FileSystemUtils.copyRecursively(from, to);
            } else {
                Files.copy(from, to);
            }
        }
    }
}
