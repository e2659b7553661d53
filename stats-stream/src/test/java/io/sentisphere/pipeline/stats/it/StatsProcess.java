package io.sentisphere.pipeline.stats.it;

import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The real stats-stream jar in its own JVM, so a test can kill it as a crash would (SIGKILL). */
final class StatsProcess {

    private StatsProcess() {}

    /** A started process and its HTTP port (health and metrics). */
    record Running(ServiceProcess process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    static ServiceProcess start(String bootstrapServers, String applicationId, Path stateDir)
            throws IOException, InterruptedException {
        return run(bootstrapServers, applicationId, stateDir).process();
    }

    static Running run(String bootstrapServers, String applicationId, Path stateDir)
            throws IOException, InterruptedException {
        return run(bootstrapServers, applicationId, stateDir, Map.of());
    }

    /** As {@link #run(String, String, Path)}, with more environment (e.g. {@code STATS_INSTANCE_ID}). */
    static Running run(String bootstrapServers, String applicationId, Path stateDir, Map<String, String> more)
            throws IOException, InterruptedException {
        int port = Ports.free();
        Map<String, String> env = new HashMap<>(Map.of(
                "PIPELINE_PROFILE",
                "production",
                "KAFKA_BOOTSTRAP_SERVERS",
                bootstrapServers,
                "STATS_PORT",
                String.valueOf(port),
                "STATS_APPLICATION_ID",
                applicationId,
                "STATS_STATE_DIR",
                stateDir.toString(),
                "LOGGING_LEVEL_ROOT",
                "WARN"));
        env.putAll(more);
        // with the JVM options it ships with
        return new Running(ServiceProcess.start("stats-stream", Path.of("target/stats-stream.jar"), port, env), port);
    }
}
