package io.sentisphere.pipeline.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two of every Kafka service from their packaged jars against one replicated cluster, as a
 * deployment on two machines would run them: ingest-service (stateless, behind a load balancer),
 * stats-stream (one active task, one warm standby), broadcast-service (one publisher, elected by
 * its consumer group), and one channels-server standing in for Pusher. Local profile, with the
 * secrets below. For the high-availability system test and {@code bench/failover}.
 */
public final class ReplicatedPipeline implements AutoCloseable {

    public static final String WEBHOOK_SECRET = "replicated-webhook-secret";
    public static final String JWT_SECRET = "replicated-jwt-secret-of-32-bytes-or-more";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One running service instance. */
    public record Instance(String name, int port, ServiceProcess process) {
        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    private final int channelsPort = Ports.free();
    private final List<Instance> ingest = new ArrayList<>();
    private final List<Instance> stats = new ArrayList<>();
    private final List<Instance> broadcast = new ArrayList<>();
    private final List<Instance> all = new ArrayList<>();
    private final Path root;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Starts channels-server, two stats-stream, two broadcast-service and two ingest-service
     * instances from the jars under {@code root}; returns once every one is healthy.
     */
    public ReplicatedPipeline(Path root, String bootstrapServers) throws Exception {
        this.root = root;
        try {
            int broadcastA = Ports.free();
            start(
                    "channels-server",
                    "channels-server",
                    channelsPort,
                    Map.of(
                            "CHANNELS_PORT",
                            String.valueOf(channelsPort),
                            "CHANNELS_WEBHOOK_URL",
                            "http://127.0.0.1:" + broadcastA + "/pusher/webhooks"));
            for (String id : List.of("a", "b")) {
                int port = Ports.free();
                stats.add(start(
                        "stats-stream",
                        "stats-stream-" + id,
                        port,
                        Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS",
                                bootstrapServers,
                                "STATS_PORT",
                                String.valueOf(port),
                                "STATS_INSTANCE_ID",
                                "stats-" + id,
                                "STATS_STATE_DIR",
                                Files.createTempDirectory("stats-" + id).toString())));
            }
            for (int port : List.of(broadcastA, Ports.free())) {
                broadcast.add(start(
                        "broadcast-service",
                        "broadcast-" + (broadcast.isEmpty() ? "a" : "b"),
                        port,
                        Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS",
                                bootstrapServers,
                                "BROADCAST_PORT",
                                String.valueOf(port),
                                "PUSHER_PORT",
                                String.valueOf(channelsPort),
                                "DASHBOARD_JWT_SECRET",
                                JWT_SECRET)));
            }
            for (String id : List.of("a", "b")) {
                int port = Ports.free();
                ingest.add(start(
                        "ingest-service",
                        "ingest-" + id,
                        port,
                        Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                                "INGEST_PORT", String.valueOf(port),
                                "SERVICES_WEBHOOK_SHARED_SECRET", WEBHOOK_SECRET)));
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Starts {@code service}'s jar as instance {@code name} (its log prefix) and waits until it is healthy. */
    private Instance start(String service, String name, int port, Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put("PIPELINE_PROFILE", "local");
        Instance instance = new Instance(
                name,
                port,
                ServiceProcess.start(
                        name,
                        root.resolve(service + "/target/" + service + ".jar"),
                        port,
                        all,
                        ServiceProcess.jvmOptions(service)));
        this.all.add(instance);
        return instance;
    }

    public int channelsPort() {
        return channelsPort;
    }

    public List<Instance> ingest() {
        return ingest;
    }

    public List<Instance> broadcast() {
        return broadcast;
    }

    /** The instance's {@code /health} body as JSON (a 503 body too). */
    public JsonNode health(Instance instance) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(instance.url("/health"))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The stats-stream instance whose task is active, or null while none is. */
    public Instance activeStats() throws Exception {
        for (Instance instance : stats) {
            if (instance.process().isAlive()
                    && health(instance)
                                    .path("components")
                                    .path("streams")
                                    .path("details")
                                    .path("activeTasks")
                                    .asInt()
                            == 1) {
                return instance;
            }
        }
        return null;
    }

    /** The broadcast-service instance that publishes, or null while none does. */
    public Instance publisher() throws Exception {
        for (Instance instance : broadcast) {
            if (instance.process().isAlive()
                    && health(instance)
                            .path("components")
                            .path("pusher")
                            .path("details")
                            .path("publishing")
                            .asBoolean()) {
                return instance;
            }
        }
        return null;
    }

    /**
     * A live broadcast-service instance that does not publish, e.g. for a dashboard's auth endpoint
     * that must outlive killing the publisher.
     *
     * @throws IllegalStateException when every live instance publishes (none is left to read from)
     */
    public Instance reader() throws Exception {
        Instance publisher = publisher();
        return broadcast.stream()
                .filter(i -> i.process().isAlive() && !i.equals(publisher))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no broadcast-service instance other than the publisher"));
    }

    @Override
    public void close() throws Exception {
        List<Instance> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        for (Instance instance : reversed) {
            instance.process().close();
        }
    }
}
