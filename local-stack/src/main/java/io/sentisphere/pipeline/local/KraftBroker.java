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
 * A real single-node KRaft Kafka broker (combined broker and controller) in a child JVM, built from
 * the Maven Central jars on this JVM's classpath: {@code kafka.tools.StorageTool format} once, then
 * {@code kafka.Kafka server.properties}.
 *
 * <p>Data lives in {@code dataDir} and survives {@link #stop()} and restarts. The broker is tuned
 * for one node: replication factors and the transaction log's min ISR are 1, so exactly-once and
 * idempotent producers work. Topics are never auto-created.
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

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Settings settings;
    private Process process;

    private KraftBroker(Settings settings) {
        this.settings = settings;
    }

    /** Formats the storage if it is new, starts the broker and returns once it answers requests. */
    public static KraftBroker start(Settings settings) throws IOException, InterruptedException {
        KraftBroker broker = new KraftBroker(settings);
        broker.formatIfNew();
        broker.launch();
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
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void formatIfNew() throws IOException, InterruptedException {
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
                        Uuid.randomUuid().toString(),
                        "-c",
                        properties.toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        if (format.waitFor() != 0) {
            throw new IOException("formatting Kafka storage failed; see " + logFile());
        }
    }

    private void launch() throws IOException, InterruptedException {
        process = java(
                        "kafka.Kafka",
                        settings.dataDir().resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        awaitReady();
    }

    private void awaitReady() throws IOException, InterruptedException {
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
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + settings.controllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:"
                        + settings.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + settings.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0");
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
