package io.sentisphere.pipeline.jsclients;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the {@code js-clients} module (with its installed {@code node_modules}) from any module. */
public final class JsClients {

    private JsClients() {}

    /**
     * The {@code js-clients} directory: {@code -Djs.clients.dir}, or the first {@code js-clients}
     * found walking up from the working directory.
     *
     * @throws IllegalStateException when it is missing or {@code npm ci} has not run
     */
    public static Path directory() {
        String configured = System.getProperty("js.clients.dir");
        Path dir = configured != null ? Path.of(configured) : null;
        for (Path at = Path.of("").toAbsolutePath(); dir == null && at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve("js-clients/probe/client.mjs"))) {
                dir = at.resolve("js-clients");
            } else if (Files.isRegularFile(at.resolve("probe/client.mjs"))) {
                dir = at;
            }
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "js-clients directory not found above " + Path.of("").toAbsolutePath());
        }
        if (!Files.isDirectory(dir.resolve("node_modules/pusher-js"))) {
            throw new IllegalStateException(
                    "pusher-js is not installed in " + dir + "; run `mvn -pl js-clients generate-resources` (npm ci)");
        }
        return dir;
    }
}
