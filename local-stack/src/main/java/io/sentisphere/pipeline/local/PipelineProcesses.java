package io.sentisphere.pipeline.local;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
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
    private final Deque<ServiceProcess> services = new ArrayDeque<>();

    private PipelineProcesses(ServicePorts ports) {
        this.ports = ports;
    }

    /**
     * Starts every service with the local profile, {@code bootstrapServers}, the ports, and
     * {@code env} on top (secrets, {@code STATS_STATE_DIR}, tuning knobs); returns once all are healthy.
     */
    public static PipelineProcesses start(Path root, String bootstrapServers, ServicePorts ports, Map<String, String> env)
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
        PipelineProcesses pipeline = new PipelineProcesses(ports);
        try {
            pipeline.start("channels-server", root, ports.channels(), all);
            pipeline.start("stats-stream", root, ports.stats(), all);
            pipeline.start("broadcast-service", root, ports.broadcast(), all);
            pipeline.start("ingest-service", root, ports.ingest(), all);
            return pipeline;
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
    }

    private void start(String name, Path root, int port, Map<String, String> env) throws Exception {
        services.push(ServiceProcess.start(name, root.resolve(name + "/target/" + name + ".jar"), port, env));
    }

    public ServicePorts ports() {
        return ports;
    }

    @Override
    public void close() throws InterruptedException {
        while (!services.isEmpty()) {
            services.pop().close();
        }
    }
}
