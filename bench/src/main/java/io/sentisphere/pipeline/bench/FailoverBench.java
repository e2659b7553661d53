package io.sentisphere.pipeline.bench;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.local.CheckinSender;
import io.sentisphere.pipeline.local.ContractTopics;
import io.sentisphere.pipeline.local.Gaps;
import io.sentisphere.pipeline.local.KraftCluster;
import io.sentisphere.pipeline.local.LocalToken;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ReplicatedPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Failover times of the replicated deployment: three brokers, two of each Kafka service, a
 * laravel-echo dashboard and signed check-ins at {@code BENCH_RATE}/s from a client that retries
 * on the other ingest instance. One after another it SIGKILLs the leader of
 * {@code dashboard.events.v1}, the active stats-stream, the publishing broadcast-service and one
 * ingest-service, each after {@code BENCH_BETWEEN_SECONDS} of acknowledged check-ins, and reports
 * per fault: SIGKILL → the next committed stats record, → the next {@code .DashboardUpdated} on the
 * dashboard, the longest time the dashboard went without an update, and the longest time without
 * an acknowledged check-in. Before the first fault it warms the pipeline up with
 * {@code BENCH_WARM_UP} check-ins at {@code BENCH_WARM_UP_RATE}/s ({@link CheckinSender#warmUp}).
 */
public final class FailoverBench {

    private record Fault(String what, long at) {}

    public static void main(String[] args) throws Exception {
        int rate = Knobs.intEnv("BENCH_RATE", 50);
        int between = Knobs.intEnv("BENCH_BETWEEN_SECONDS", 15);
        int warmUp = Knobs.intEnv("BENCH_WARM_UP", 4_000);
        int warmUpRate = Knobs.intEnv("BENCH_WARM_UP_RATE", 250);
        Path home =
                Path.of(System.getProperty("stack.home", ".")).toAbsolutePath().normalize();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 2 * KraftCluster.NODES; i++) {
            ports.add(Ports.free());
        }
        try (KraftCluster cluster = KraftCluster.start(Files.createTempDirectory("failover-bench"), ports, "384m")) {
            ContractTopics.create(cluster.bootstrapServers(), ContractTopics.Layout.REPLICATED);
            Queue<Long> committedStats = new ConcurrentLinkedQueue<>();
            Thread tail = tailStats(cluster.bootstrapServers(), committedStats);
            try (ReplicatedPipeline pipeline = new ReplicatedPipeline(home, cluster.bootstrapServers());
                    JsClient echo = JsClient.start()) {
                awaitRoles(pipeline);
                ReplicatedPipeline.Instance reader = pipeline.reader();
                echo.echo(
                        "app-key",
                        pipeline.channelsPort(),
                        reader.url("/broadcasting/auth"),
                        LocalToken.counselor(ReplicatedPipeline.JWT_SECRET));
                echo.listenToDashboard("cache-dashboard");
                echo.await(JsClient.type("echo-subscribed", "cache-dashboard"), Duration.ofSeconds(60));

                if (warmUp > 0) {
                    CheckinSender.warmUp(pipeline.ingest(), warmUp, warmUpRate, Duration.ofMinutes(2));
                }
                List<Fault> faults = new ArrayList<>();
                long start = System.currentTimeMillis();
                long end;
                try (CheckinSender sender = CheckinSender.start(pipeline.ingest(), rate)) {
                    flow(sender, rate * between);
                    int leader = cluster.leaderOf(Topics.EVENTS);
                    faults.add(new Fault("broker " + leader + " (leader of `dashboard.events.v1`)", now()));
                    cluster.node(leader).kill();
                    flow(sender, rate * between);
                    ReplicatedPipeline.Instance stats = pipeline.activeStats();
                    faults.add(new Fault("the active stats-stream", now()));
                    stats.process().kill();
                    flow(sender, rate * between);
                    ReplicatedPipeline.Instance publisher = pipeline.publisher();
                    faults.add(new Fault("the publishing broadcast-service", now()));
                    publisher.process().kill();
                    flow(sender, rate * between);
                    faults.add(new Fault("one ingest-service", now()));
                    pipeline.ingest().get(0).process().kill();
                    flow(sender, rate * between);
                    end = now();
                    sender.stop();
                    report(home, rate, start, end, faults, committedStats, echoTimes(echo), sender);
                }
            } finally {
                tail.interrupt();
            }
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** Waits until {@code acknowledgements} more check-ins were acknowledged: the pipeline works again. */
    private static void flow(CheckinSender sender, int acknowledgements) throws InterruptedException {
        sender.awaitAcknowledged(sender.acknowledgedCount() + acknowledgements, Duration.ofMinutes(3));
    }

    private static void awaitRoles(ReplicatedPipeline pipeline) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (pipeline.activeStats() == null || pipeline.publisher() == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no active stats-stream or no publisher after 2 minutes");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** Records when each committed stats record becomes readable (read_committed), until interrupted. */
    private static Thread tailStats(String servers, Queue<Long> arrivals) {
        Thread thread = new Thread(
                () -> {
                    Properties props = new Properties();
                    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
                    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
                    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                    try (KafkaConsumer<String, String> consumer =
                            new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                        TopicPartition stats = new TopicPartition(Topics.STATS, 0);
                        consumer.assign(List.of(stats));
                        consumer.seekToEnd(List.of(stats));
                        while (!Thread.currentThread().isInterrupted()) {
                            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                                arrivals.add(System.currentTimeMillis());
                            }
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        // stopping
                    }
                },
                "stats-tail");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static List<Long> echoTimes(JsClient echo) {
        return echo.lines(JsClient.type("echo-event", "cache-dashboard")).stream()
                .map(l -> l.path("at").asLong())
                .toList();
    }

    private static void report(
            Path home,
            int rate,
            long start,
            long end,
            List<Fault> faults,
            Queue<Long> committedStats,
            List<Long> echo,
            CheckinSender sender)
            throws Exception {
        List<Long> stats = List.copyOf(committedStats);
        List<Long> acks = sender.acknowledgedAt();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            long until = i + 1 < faults.size() ? faults.get(i + 1).at() : end;
            rows.append("| SIGKILL %s | %d | %d | %d | %d |%n"
                    .formatted(
                            fault.what(),
                            Gaps.firstAfter(stats, fault.at()),
                            Gaps.firstAfter(echo, fault.at()),
                            Gaps.longest(echo, fault.at(), until),
                            Gaps.longest(acks, fault.at(), until)));
        }
        String report = """
                ### Failover, %s

                Machine: %d cores, %s; Java %s. Three KRaft brokers (384 MiB heap each; RF 3, min ISR 2),
                two of each Kafka service, one channels-server, a laravel-echo dashboard and this harness on
                one machine; %d signed check-ins/s, retried on the other ingest instance with the same id.
                %d acknowledged, %d retries, %d abandoned; %d dashboard updates; longest dashboard gap over the
                whole run %d ms.

                | fault | → next committed stats (ms) | → next `.DashboardUpdated` (ms) | longest dashboard gap until the next fault (ms) | longest gap between acknowledged check-ins (ms) |
                |---|---|---|---|---|
                %s""".formatted(
                        LocalDateTime.now().withNano(0),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("os.arch"),
                        System.getProperty("java.version"),
                        rate,
                        sender.acknowledged().size(),
                        sender.retries(),
                        sender.abandoned(),
                        echo.size(),
                        Gaps.longest(echo, start, end),
                        rows);
        System.out.println(report);
        Path results = home.resolve("bench/results");
        Files.createDirectories(results);
        Files.writeString(
                results.resolve(
                        "failover-" + LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".md"),
                report);
    }
}
