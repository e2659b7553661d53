package io.sentisphere.pipeline.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * Finds where a service's settings are written down differently from its {@link ConfigDef}: the
 * table in the module's README (between {@code <!-- settings -->} and {@code <!-- /settings -->}),
 * the service's {@code environment} in {@code docker-compose.yml}, and the local stack's
 * environment for it. Each service has a test asserting there is no problem; with
 * {@code -Dsettings.write=true} that test rewrites the README table instead.
 *
 * <p>Needs SnakeYAML on the classpath (an optional dependency: only tests use this class).
 */
public final class ConfigDrift {

    public static final String BEGIN = "<!-- settings -->";
    public static final String END = "<!-- /settings -->";

    /** Variables a compose file may set that are not the service's settings (read by the JVM or libc). */
    static final Set<String> NOT_SETTINGS = Set.of("MALLOC_ARENA_MAX", "JAVA_TOOL_OPTIONS", "TZ");

    private ConfigDrift() {}

    /**
     * Every disagreement, as a sentence naming the file and the variable; empty when none.
     *
     * @param root the repository root (holding {@code docker-compose.yml} and {@code <service>/README.md})
     * @param localEnvironment what the local stack sets for this service
     */
    public static List<String> problems(ConfigDef def, Path root, Map<String, String> localEnvironment) {
        List<String> problems = new ArrayList<>();
        Path readme = root.resolve(def.service()).resolve("README.md");
        String documented = table(readme);
        if (documented == null) {
            problems.add(readme + " has no " + BEGIN + " … " + END + " section");
        } else if (!documented.equals(def.markdownTable())) {
            problems.add(readme + "'s settings table differs from " + def.service()
                    + "'s declarations; regenerate it with -Dsettings.write=true. Expected:\n" + def.markdownTable());
        }
        for (String name : composeEnvironment(root.resolve("docker-compose.yml"), def.service())
                .keySet()) {
            if (!def.names().contains(name) && !NOT_SETTINGS.contains(name)) {
                problems.add("docker-compose.yml sets " + name + " for " + def.service() + ", which it does not read");
            }
        }
        for (String name : localEnvironment.keySet()) {
            if (!def.names().contains(name)) {
                problems.add("the local stack sets " + name + " for " + def.service() + ", which it does not read");
            }
        }
        try {
            def.read(localEnvironment::get).finish();
        } catch (ConfigProblems e) {
            problems.add("the local stack's environment is invalid for " + def.service() + ": " + e.getMessage());
        }
        return problems;
    }

    /** Replaces the README's settings table with the declarations' one (the section must exist). */
    public static void write(ConfigDef def, Path root) {
        Path readme = root.resolve(def.service()).resolve("README.md");
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(readme + " has no " + BEGIN + " … " + END + " section");
            }
            Files.writeString(
                    readme,
                    text.substring(0, begin + BEGIN.length()) + "\n" + def.markdownTable() + text.substring(end),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String table(Path readme) {
        try {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            return begin < 0 || end < begin
                    ? null
                    : text.substring(begin + BEGIN.length(), end).stripLeading();
        } catch (IOException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> composeEnvironment(Path compose, String service) {
        try {
            Map<String, Object> document = new Yaml().load(Files.readString(compose, StandardCharsets.UTF_8));
            Map<String, Object> services = (Map<String, Object>) document.get("services");
            Map<String, Object> definition = services == null ? null : (Map<String, Object>) services.get(service);
            if (definition == null) {
                throw new IllegalStateException(compose + " has no service " + service);
            }
            Object environment = definition.get("environment");
            return environment == null ? Map.of() : (Map<String, Object>) environment;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
