package io.sentisphere.pipeline.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real KRaft Kafka node (combined broker and controller) in a child JVM, built from the Maven
 * Central jars on this JVM's classpath: {@code kafka.tools.StorageTool format} once, then
 * {@code kafka.Kafka server.properties}. Alone ({@link #start}) it is a one-node cluster; three of
 * them form a replicated one ({@link KraftCluster}).
 *
 * <p>Data lives in {@code dataDir} and survives {@link #stop()} and restarts. Alone, the broker is
 * tuned for one node: replication factors and the transaction log's min ISR are 1, so exactly-once
 * and idempotent producers work. In a cluster, every internal topic (offsets, transactions, Streams'
 * changelogs and repartition topics through {@code default.replication.factor}) gets the cluster's
 * replication factor and {@code min.insync.replicas}. Topics are never auto-created.
 *
 * <p>Hazard: if this JVM is killed with SIGKILL the child keeps running and holds the ports; a
 * later start then fails fast with "port in use" in {@code dataDir/kafka.log}.
 */
public final class KraftBroker implements AutoCloseable {

    /** Where and how to run the broker. */
    public record Settings(Path dataDir, int port, int controllerPort, String maxHeap) {

        public String bootstrapServers() {
            return "127.0.0.1:" + port;
        }
    }

    /**
     * This node's place in its cluster.
     *
     * @param nodeId the node's id, unique in the cluster
     * @param voters {@code controller.quorum.voters}: {@code id@host:port} of every controller
     * @param clusterId the id every node of the cluster is formatted with
     * @param replicationFactor replicas of every internal topic (and the default for new topics)
     * @param minInsyncReplicas {@code min.insync.replicas} for every topic
     */
    record Membership(int nodeId, String voters, String clusterId, int replicationFactor, int minInsyncReplicas) {}

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Settings settings;
    private final Membership membership;
    private Process process;

    KraftBroker(Settings settings, Membership membership) {
        this.settings = settings;
        this.membership = membership;
    }

    /** Formats the storage if it is new, starts the broker and returns once it answers requests. */
    public static KraftBroker start(Settings settings) throws IOException, InterruptedException {
        KraftBroker broker = new KraftBroker(
                settings,
                new Membership(
                        1,
                        "1@127.0.0.1:" + settings.controllerPort(),
                        Uuid.randomUuid().toString(),
                        1,
                        1));
        broker.formatIfNew();
        broker.launch();
        broker.awaitReady();
        return broker;
    }

    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    public Settings settings() {
        return settings;
    }

    /** The broker's own log file. */
    public Path logFile() {
        return settings.dataDir().resolve("kafka.log");
    }

    /** The node's id in its cluster. */
    public int nodeId() {
        return membership.nodeId();
    }

    /** The node's process id (for benchmarks that read /proc); -1 when it is not running. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Whether the node's process is running. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the node's process with SIGKILL (a crash: no controlled shutdown). Data is kept. */
    public void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly().waitFor();
        process = null;
    }

    /** Controlled shutdown (SIGTERM), waiting up to 30 s before killing. Data is kept. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    /** Starts a stopped broker again on the same ports and data. */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
        awaitReady();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    void formatIfNew() throws IOException, InterruptedException {
        Files.createDirectories(settings.dataDir());
        Path properties = writeServerProperties();
        if (Files.exists(settings.dataDir().resolve("logs").resolve("meta.properties"))) {
            return;
        }
        Process format = java(
                        "kafka.tools.StorageTool",
                        "format",
                        "--ignore-formatted",
                        "-t",
                        membership.clusterId(),
                        "-c",
                        properties.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        if (format.waitFor() != 0) {
            throw new IOException("formatting Kafka storage failed; see " + logFile());
        }
    }

    /** Starts the process without waiting: a cluster's nodes must all run before any is ready. */
    void launch() throws IOException {
        process = java(
                        "kafka.Kafka",
                        settings.dataDir().resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
    }

    /** Returns once this node answers requests (bounded by START_TIMEOUT). */
    void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IOException("Kafka exited with " + process.exitValue() + "; see " + logFile());
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                            .nodes()
                            .get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // the broker is still starting; the loop is bounded by START_TIMEOUT
                }
            }
        }
        throw new IOException("Kafka did not become ready within " + START_TIMEOUT + "; see " + logFile());
    }

    private Path writeServerProperties() throws IOException {
        Path file = settings.dataDir().resolve("server.properties");
        String logs = settings.dataDir().resolve("logs").toAbsolutePath().toString();
        List<String> lines = List.of(
                "process.roles=broker,controller",
                "node.id=" + membership.nodeId(),
                "controller.quorum.voters=" + membership.voters(),
                "listeners=PLAINTEXT://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:"
                        + settings.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + settings.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "default.replication.factor=" + membership.replicationFactor(),
                "min.insync.replicas=" + membership.minInsyncReplicas(),
                "offsets.topic.replication.factor=" + membership.replicationFactor(),
                "transaction.state.log.replication.factor=" + membership.replicationFactor(),
                "transaction.state.log.min.isr=" + membership.minInsyncReplicas(),
                "share.coordinator.state.topic.replication.factor=" + membership.replicationFactor(),
                "share.coordinator.state.topic.min.isr=" + membership.minInsyncReplicas(),
                "group.initial.rebalance.delay.ms=0",
                // Lets the replicated pipeline run its groups with 3 s sessions (Kafka's floor is 6 s):
                // a SIGKILLed stats-stream or publisher is replaced about 3 s sooner.
                "group.min.session.timeout.ms=1000",
                // A crashed transactional producer's open transaction (stats-stream's, after SIGKILL)
                // is aborted within 250 ms of its timeout, instead of up to 10 s later.
                "transaction.abort.timed.out.transaction.cleanup.interval.ms=250",
                // A node that stops heartbeating (killed) is fenced after 2 s instead of 9, so the
                // partitions it led move to an in-sync replica within seconds. A newly elected
                // controller grants every broker a full session first, so losing the active
                // controller too costs election + session: it must stay well under stats-stream's
                // 6 s transaction timeout (measured with 3 s: 5.4 s, and stats-stream was fenced).
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=2000",
                // When the killed node was the active controller, the others elect a new one within
                // ~2 s instead of ~3 (measured: losing the controller too made a 10.6 s dashboard gap).
                "controller.quorum.fetch.timeout.ms=1500",
                "controller.quorum.election.timeout.ms=500",
                "controller.quorum.election.backoff.max.ms=500");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.maxHeap(),
                "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=local-stack-logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
