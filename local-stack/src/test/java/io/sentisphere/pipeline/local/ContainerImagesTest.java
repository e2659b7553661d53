package io.sentisphere.pipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container images, checked without a Docker engine: each service's Dockerfile runs the jar the
 * build makes, with the JVM options the service is measured with, as a non-root user, exposing its
 * port; docker-compose.yml builds every one of them; and Debian's {@code docker-compose config}
 * accepts the file (schema, service references, conditions).
 */
class ContainerImagesTest {

    static final Path ROOT = Path.of("..");
    static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT \\[(.*)]$");

    @Test
    void eachServiceImageRunsItsJarAsMeasuredAndNotAsRoot() throws IOException {
        for (String service : LocalStack.SERVICES) {
            String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));
            String port = LocalStack.environment(service).entrySet().stream()
                    .filter(e -> e.getKey().endsWith("_PORT") && !e.getKey().startsWith("PUSHER"))
                    .findFirst()
                    .orElseThrow()
                    .getValue();

            assertThat(dockerfile).as(service).contains("FROM eclipse-temurin:17-jre");
            assertThat(dockerfile).as(service).contains("COPY target/" + service + ".jar /app/" + service + ".jar");
            assertThat(dockerfile).as(service).containsPattern("(?m)^USER 10001$");
            assertThat(dockerfile).as(service).containsPattern("(?m)^EXPOSE " + port + "$");
            Matcher entrypoint = ENTRYPOINT.matcher(dockerfile);
            assertThat(entrypoint.find())
                    .as(service + " has an exec-form ENTRYPOINT")
                    .isTrue();
            List<String> command = new ArrayList<>();
            command.add("java");
            command.addAll(ServiceProcess.jvmOptions(service));
            command.addAll(List.of("-jar", "/app/" + service + ".jar"));
            assertThat(entrypoint.group(1)).as(service).isEqualTo(quoted(command));
        }
        assertThat(Files.readString(ROOT.resolve("stats-stream/Dockerfile")))
                .contains("MALLOC_ARENA_MAX=2")
                .contains("STATS_STATE_DIR=/var/lib/stats-stream");
    }

    @Test
    void composeBuildsEveryImage() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        for (String service : LocalStack.SERVICES) {
            assertThat(compose).as(service).contains("build: ./" + service + "\n");
        }
        assertThat(compose).contains("build: ./local-stack\n");
    }

    @Test
    void debiansDockerComposeAcceptsTheFile() throws Exception {
        Process config;
        try {
            config = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "docker-compose is needed to validate docker-compose.yml (Debian: apt-get install docker-compose;"
                            + " .ci/run installs it)",
                    e);
        }
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.exitValue()).as(output).isZero();
    }

    private static String quoted(List<String> words) {
        return String.join(", ", words.stream().map(w -> "\"" + w + "\"").toList());
    }
}
