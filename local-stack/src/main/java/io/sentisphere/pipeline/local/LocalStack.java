package io.sentisphere.pipeline.local;

import io.sentisphere.pipeline.contracts.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole pipeline on one machine: a real KRaft broker process, the contract topics, and every
 * built service with the local defaults of docs/contract.md. Started by {@code ./run-local}.
 *
 * <p>With {@code --cluster} ({@code ./run-local --cluster}) Kafka is a replicated three-node KRaft
 * cluster instead ({@link KraftCluster}: ports 9092-9097, 384 MiB heap per node, replication factor
 * 3 and {@code min.insync.replicas=2} for every topic), to try a broker's loss locally.
 *
 * <p>Data (Kafka's log) stays in {@code $SENTISPHERE_DATA_DIR} (default {@code .local-stack/}) and
 * survives restarts; delete the folder to start empty. Ctrl-C stops the services, then the broker,
 * and leaves no process behind.
 */
public final class LocalStack {

    /** The local defaults of docs/contract.md, given to every service. Printed at start-up on purpose. */
    private static final int KAFKA_PORT = 9092;

    private static final int CONTROLLER_PORT = 9093;
    /** Client and controller ports of the three nodes in cluster mode, node 1's first. */
    private static final List<Integer> CLUSTER_PORTS = List.of(9092, 9093, 9094, 9095, 9096, 9097);

    private static final int INGEST_PORT = 8081;
    private static final int STATS_PORT = 8082;
    private static final int BROADCAST_PORT = 8083;
    private static final int CHANNELS_PORT = 6001;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    public static void main(String[] args) throws Exception {
        Path home =
                Path.of(System.getProperty("stack.home", ".")).toAbsolutePath().normalize();
        String dataDir = System.getenv()
                .getOrDefault(
                        "SENTISPHERE_DATA_DIR", home.resolve(".local-stack").toString());
        new LocalStack().run(home, Path.of(dataDir), List.of(args).contains("--cluster"));
    }

    private void run(Path home, Path dataDir, boolean cluster) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopAll();
                            stopped.countDown();
                        },
                        "local-stack-stop"));
        String servers;
        String kafkaLog;
        if (cluster) {
            requireFree(CLUSTER_PORTS.stream().mapToInt(Integer::intValue).toArray());
            requireFree(INGEST_PORT, STATS_PORT, BROADCAST_PORT, CHANNELS_PORT);
            System.out.println("Starting a three-node Kafka cluster (KRaft, data in " + dataDir.resolve("kafka-cluster")
                    + ") ...");
            KraftCluster kafka = KraftCluster.start(dataDir.resolve("kafka-cluster"), CLUSTER_PORTS, "384m");
            running.push(kafka);
            ContractTopics.create(kafka.bootstrapServers(), ContractTopics.Layout.REPLICATED);
            servers = kafka.bootstrapServers();
            kafkaLog = dataDir.resolve("kafka-cluster")
                    .resolve("node-*")
                    .resolve("kafka.log")
                    .toString();
        } else {
            requireFree(KAFKA_PORT, CONTROLLER_PORT, INGEST_PORT, STATS_PORT, BROADCAST_PORT, CHANNELS_PORT);
            System.out.println("Starting Kafka (KRaft, data in " + dataDir.resolve("kafka") + ") ...");
            KraftBroker broker = KraftBroker.start(
                    new KraftBroker.Settings(dataDir.resolve("kafka"), KAFKA_PORT, CONTROLLER_PORT, "768m"));
            running.push(broker);
            ContractTopics.create(broker.bootstrapServers());
            servers = broker.bootstrapServers();
            kafkaLog = broker.logFile().toString();
        }
        System.out.println("Kafka ready at " + servers + "; topics " + Topics.EVENTS + ", " + Topics.STATS);

        running.push(ServiceProcess.start(
                "channels-server",
                home.resolve("channels-server/target/channels-server.jar"),
                CHANNELS_PORT,
                environment("channels-server")));
        running.push(ServiceProcess.start(
                "ingest-service",
                home.resolve("ingest-service/target/ingest-service.jar"),
                INGEST_PORT,
                on(servers, environment("ingest-service"))));
        Map<String, String> statsEnv = new LinkedHashMap<>(on(servers, environment("stats-stream")));
        statsEnv.put("STATS_STATE_DIR", dataDir.resolve("stats-state").toString());
        running.push(ServiceProcess.start(
                "stats-stream", home.resolve("stats-stream/target/stats-stream.jar"), STATS_PORT, statsEnv));
        running.push(ServiceProcess.start(
                "broadcast-service",
                home.resolve("broadcast-service/target/broadcast-service.jar"),
                BROADCAST_PORT,
                on(servers, environment("broadcast-service"))));

        printBanner(servers, kafkaLog, dataDir);
        stopped.await();
    }

    /** {@code env} with {@code KAFKA_BOOTSTRAP_SERVERS} pointing at the Kafka this run started. */
    private static Map<String, String> on(String servers, Map<String, String> env) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", servers);
        return all;
    }

    private void printBanner(String servers, String kafkaLog, Path dataDir) {
        String secret = environment("ingest-service").get("SERVICES_WEBHOOK_SHARED_SECRET");
        System.out.println("""

                ==== Sentisphere pipeline is running (Ctrl-C stops everything) ====
                Kafka            %s   (log: %s)
                ingest-service   http://127.0.0.1:%d   health /health, metrics /metrics
                stats-stream     http://127.0.0.1:%d   health /health, metrics /metrics (state: %s)
                broadcast        http://127.0.0.1:%d   health /health, metrics /metrics
                channels-server  ws://127.0.0.1:%d/app/app-key   (Pusher protocol 7; HTTP API on the same port)
                Dashboard (demo page, live):
                  http://127.0.0.1:%d/#token=%s
                  (a local counselor JWT signed with DASHBOARD_JWT_SECRET; valid 30 days)
                Local settings (local defaults, never for production):
                %s
                Try it:
                  body='{"reason": "mobile_checkin", "stats": null, "range": "this_week"}'
                  sig=$(printf '%%s' "$body" | openssl dgst -sha256 -hmac %s | sed 's/^.* //')
                  curl -s -H 'Content-Type: application/json' -H "X-Webhook-Signature: $sig" \\
                       --data-binary "$body" http://127.0.0.1:%d/api/dashboard/notify-update
                Watch the stats:
                  bin/kafka-console-consumer --bootstrap-server %s --topic dashboard.stats.v1 \\
                       --isolation-level read_committed --from-beginning --property print.key=true
                """.formatted(
                        servers,
                        kafkaLog,
                        INGEST_PORT,
                        STATS_PORT,
                        dataDir.resolve("stats-state"),
                        BROADCAST_PORT,
                        CHANNELS_PORT,
                        BROADCAST_PORT,
                        LocalToken.counselor(environment("broadcast-service").get("DASHBOARD_JWT_SECRET")),
                        formatEnv(),
                        secret,
                        INGEST_PORT,
                        servers));
    }

    private static String formatEnv() {
        Map<String, String> all = new LinkedHashMap<>();
        for (String service : SERVICES) {
            all.putAll(environment(service));
        }
        StringBuilder out = new StringBuilder();
        all.forEach((k, v) -> out.append("  ").append(k).append('=').append(v).append('\n'));
        return out.toString().stripTrailing();
    }

    private synchronized void stopAll() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("stopping failed: " + e);
            }
        }
    }

    private static void requireFree(int... ports) throws IOException {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IOException("port " + port + " on 127.0.0.1 is in use: is another local stack running?", e);
            }
        }
    }

    /** The four services, in start order. */
    public static final List<String> SERVICES =
            List.of("channels-server", "ingest-service", "stats-stream", "broadcast-service");

    /**
     * What {@code ./run-local} sets for {@code service}: the local profile, the contract's ports and
     * the wiring between the services; every other variable keeps its local default. Each service's
     * tests check these names against its declared settings.
     */
    public static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PIPELINE_PROFILE", "local");
        switch (service) {
            case "ingest-service" -> {
                env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + KAFKA_PORT);
                env.put("SERVICES_WEBHOOK_SHARED_SECRET", "local-webhook-secret");
                env.put("INGEST_PORT", String.valueOf(INGEST_PORT));
            }
            case "stats-stream" -> {
                env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + KAFKA_PORT);
                env.put("STATS_PORT", String.valueOf(STATS_PORT));
                env.put("STATS_TIMEZONE", "Asia/Manila");
            }
            case "broadcast-service" -> {
                env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + KAFKA_PORT);
                env.put("BROADCAST_PORT", String.valueOf(BROADCAST_PORT));
                env.put("PUSHER_APP_ID", "app-id");
                env.put("PUSHER_APP_KEY", "app-key");
                env.put("PUSHER_APP_SECRET", "app-secret");
                env.put("PUSHER_HOST", "127.0.0.1");
                env.put("PUSHER_PORT", String.valueOf(CHANNELS_PORT));
                env.put("PUSHER_SCHEME", "http");
                env.put("BROADCAST_CHANNEL", "private-cache-dashboard");
                env.put("DASHBOARD_JWT_SECRET", "local-jwt-secret");
                env.put("DASHBOARD_JWT_ROLE", "counselor");
            }
            case "channels-server" -> {
                env.put("CHANNELS_PORT", String.valueOf(CHANNELS_PORT));
                env.put("PUSHER_APP_ID", "app-id");
                env.put("PUSHER_APP_KEY", "app-key");
                env.put("PUSHER_APP_SECRET", "app-secret");
                env.put("CHANNELS_WEBHOOK_URL", "http://127.0.0.1:" + BROADCAST_PORT + "/pusher/webhooks");
            }
            default -> throw new IllegalArgumentException("no service " + service);
        }
        return Collections.unmodifiableMap(env);
    }
}
