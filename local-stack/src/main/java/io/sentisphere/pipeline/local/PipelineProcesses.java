package io.sentisphere.pipeline.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four services of the pipeline from their packaged jars, each its own process, wired to one
 * broker on the given ports: channels-server, stats-stream, broadcast-service, ingest-service (in
 * that order, so each finds what it talks to). For system tests and benchmarks; {@code ./run-local}
 * uses the fixed ports of docs/contract.md instead.
 */
public final class PipelineProcesses implements AutoCloseable {

    /** Where each service listens. */
    public record ServicePorts(int ingest, int stats, int broadcast, int channels) {
        public static ServicePorts free() {
            return new ServicePorts(Ports.free(), Ports.free(), Ports.free(), Ports.free());
        }
    }

    private final ServicePorts ports;
    private final Path root;
    private final Map<String, String> env;
    private final Map<String, Path> jars;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private PipelineProcesses(ServicePorts ports, Path root, Map<String, String> env, Map<String, Path> jars) {
        this.jars = Map.copyOf(jars);
        this.ports = ports;
        this.root = root;
        this.env = Map.copyOf(env);
    }

    /**
     * Starts every service with the local profile, {@code bootstrapServers}, the ports, and
     * {@code env} on top (secrets, {@code STATS_STATE_DIR}, tuning knobs); returns once all are healthy.
     */
    public static PipelineProcesses start(
            Path root, String bootstrapServers, ServicePorts ports, Map<String, String> env) throws Exception {
        return start(root, bootstrapServers, ports, env, Map.of());
    }

    /**
     * As {@link #start(Path, String, ServicePorts, Map)}, with some services run from other jars
     * (by service name), e.g. an earlier build to compare with in a benchmark.
     */
    public static PipelineProcesses start(
            Path root, String bootstrapServers, ServicePorts ports, Map<String, String> env, Map<String, Path> jars)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("PIPELINE_PROFILE", "local");
        all.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        all.put("INGEST_PORT", String.valueOf(ports.ingest()));
        all.put("STATS_PORT", String.valueOf(ports.stats()));
        all.put("BROADCAST_PORT", String.valueOf(ports.broadcast()));
        all.put("CHANNELS_PORT", String.valueOf(ports.channels()));
        all.put("PUSHER_PORT", String.valueOf(ports.channels()));
        all.put("CHANNELS_WEBHOOK_URL", "http://127.0.0.1:" + ports.broadcast() + "/pusher/webhooks");
        all.putAll(env);
        PipelineProcesses pipeline = new PipelineProcesses(ports, root, all, jars);
        try {
            for (String name : List.of("channels-server", "stats-stream", "broadcast-service", "ingest-service")) {
                pipeline.start(name);
            }
            return pipeline;
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
    }

    /**
     * Starts {@code name} (one of the four, stopped before) again on its port with the same settings;
     * returns once it is healthy.
     */
    public void start(String name) throws Exception {
        if (services.containsKey(name)) {
            throw new IllegalStateException(name + " is running");
        }
        services.put(
                name,
                ServiceProcess.start(
                        name,
                        jars.getOrDefault(name, root.resolve(name + "/target/" + name + ".jar")),
                        port(name),
                        env));
    }

    /** Stops {@code name} (SIGTERM, then SIGKILL if it lingers); the others keep running. */
    public void stop(String name) throws InterruptedException {
        ServiceProcess process = services.remove(name);
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        process.close();
    }

    private int port(String name) {
        return switch (name) {
            case "channels-server" -> ports.channels();
            case "stats-stream" -> ports.stats();
            case "broadcast-service" -> ports.broadcast();
            case "ingest-service" -> ports.ingest();
            default -> throw new IllegalArgumentException("no service " + name);
        };
    }

    public ServicePorts ports() {
        return ports;
    }

    /** The running services' process ids, by service name (for benchmarks that read /proc). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((name, process) -> pids.put(name, process.pid()));
        return pids;
    }

    @Override
    public void close() throws InterruptedException {
        List<String> running = new ArrayList<>(services.keySet());
        Collections.reverse(running);
        for (String name : running) {
            services.remove(name).close();
        }
    }
}
