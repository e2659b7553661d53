package io.sentisphere.pipeline.bench;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.local.ContractTopics;
import io.sentisphere.pipeline.local.KraftBroker;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fast stats-stream resumes after SIGKILL and an immediate restart, under a steady stream of
 * check-ins (100/s). Two restarts in one run: under the same instance name and state directory
 * (static membership: the normal restart of a process, a pod, a VM) and under a new name with a
 * fresh directory (a replacement that cannot reuse the old identity, so the group waits for the
 * dead member's session and the dead producer's transaction to time out). For each: launch →
 * Spring's "Started" line → Streams {@code RUNNING} → first new committed stats record, and whether
 * the final count is exact.
 *
 * <p>Knobs: {@code BENCH_RATE} (100), {@code BENCH_SECONDS} (20 of load before each kill), any
 * {@code STATS_*} variable (e.g. {@code STATS_SESSION_TIMEOUT_MS}).
 */
public final class StatsRestartBench {

    public static void main(String[] args) throws Exception {
        int rate = Knobs.intEnv("BENCH_RATE", 100);
        int seconds = Knobs.intEnv("BENCH_SECONDS", 20);
        Path home = Path.of(System.getProperty("stack.home", ".")).toAbsolutePath();
        Path jar = home.resolve("stats-stream/target/stats-stream.jar");
        Path work = Files.createTempDirectory("stats-restart-bench");
        try (KraftBroker broker = KraftBroker.start(
                new KraftBroker.Settings(work.resolve("kafka"), Ports.free(), Ports.free(), "512m"))) {
            String servers = broker.bootstrapServers();
            ContractTopics.create(servers);
            Feed feed = new Feed(servers, rate);
            StatsWatch watch = new StatsWatch(servers);
            Path stateDir = work.resolve("state-a");
            Launched first = launch(jar, servers, "bench-a", stateDir, new Timeline());
            first.process.awaitHealthy(first.port);
            ServiceProcess running = first.process;
            StringBuilder rows = new StringBuilder();
            for (String round : List.of("same name and state directory", "new name, fresh state directory")) {
                feed.runFor(Duration.ofSeconds(seconds));
                long killed = System.nanoTime();
                running.kill();
                long endAtKill = watch.committedEnd();
                boolean same = round.startsWith("same");
                Timeline timeline = new Timeline();
                timeline.launched = System.nanoTime();
                Launched next = launch(
                        jar,
                        servers,
                        same ? "bench-a" : "bench-b",
                        same ? stateDir : work.resolve("state-b"),
                        timeline);
                long firstAfter = watch.awaitRecordFrom(endAtKill, Duration.ofSeconds(120));
                next.process.awaitHealthy(next.port);
                running = next.process;
                feed.runFor(Duration.ofSeconds(5));
                feed.stop();
                boolean exact = watch.awaitToday(feed.sent(), Duration.ofSeconds(60));
                rows.append("| %s | %s | %s | %s | %s | %s |%n"
                        .formatted(
                                round,
                                ms(timeline.launched - killed),
                                ms(timeline.started - timeline.launched),
                                ms(timeline.running - timeline.started),
                                ms(firstAfter - timeline.started),
                                exact ? "yes (" + feed.sent() + ")" : "NO"));
                feed = feed.resume();
            }
            running.close();
            String report = """
                    ### stats-stream restart after SIGKILL, %s

                    `bench/stats-restart`: %d check-ins/s, killed after %d s of load and launched again at once.
                    Times in ms; "first stats" is the first committed `dashboard.stats.v1` record after the kill,
                    counted from the "Started" line.

                    | restart | kill → launch | launch → Started | Started → RUNNING | Started → first stats | final `today` exact |
                    |---|---|---|---|---|---|
                    %s""".formatted(LocalDateTime.now().withNano(0), rate, seconds, rows);
            System.out.println(report);
            Path results = home.resolve("bench/results");
            Files.createDirectories(results);
            Files.writeString(
                    results.resolve("stats-restart-"
                            + LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".md"),
                    report);
            watch.close();
        }
    }

    private static String ms(long nanos) {
        return nanos < 0 ? "n/a" : String.valueOf(nanos / 1_000_000);
    }

    private record Launched(ServiceProcess process, int port) {}

    /** When the restarted process logged what (nanoTime). */
    private static final class Timeline {
        volatile long launched;
        volatile long started = -1;
        volatile long running = -1;
    }

    private static Launched launch(Path jar, String servers, String instance, Path stateDir, Timeline timeline)
            throws Exception {
        int port = Ports.free();
        Map<String, String> env = new HashMap<>(Map.of(
                "PIPELINE_PROFILE",
                "production",
                "KAFKA_BOOTSTRAP_SERVERS",
                servers,
                "STATS_PORT",
                String.valueOf(port),
                "STATS_STATE_DIR",
                stateDir.toString(),
                "STATS_APPLICATION_ID",
                "stats-stream",
                "STATS_INSTANCE_ID",
                instance));
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("STATS_") && !env.containsKey(k)) {
                env.put(k, v);
            }
        });
        ServiceProcess process =
                ServiceProcess.launch("stats-stream", jar, env, ServiceProcess.jvmOptions("stats-stream"), line -> {
                    if (timeline.started < 0 && line.contains("Started StatsStreamApplication")) {
                        timeline.started = System.nanoTime();
                    }
                    if (timeline.running < 0 && line.contains("-> RUNNING")) {
                        timeline.running = System.nanoTime();
                    }
                });
        return new Launched(process, port);
    }

    /** Check-ins at a steady rate, each with a new id, all today. */
    private static final class Feed {
        private final String servers;
        private final int rate;
        private final KafkaProducer<String, String> producer;
        private final AtomicLong sent;
        private ScheduledExecutorService pacer;

        Feed(String servers, int rate) {
            this(
                    servers,
                    rate,
                    new KafkaProducer<>(
                            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all"),
                            new StringSerializer(),
                            new StringSerializer()),
                    new AtomicLong());
        }

        private Feed(String servers, int rate, KafkaProducer<String, String> producer, AtomicLong sent) {
            this.servers = servers;
            this.rate = rate;
            this.producer = producer;
            this.sent = sent;
            this.pacer = Executors.newSingleThreadScheduledExecutor();
            pacer.scheduleAtFixedRate(this::sendOne, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        }

        private void sendOne() {
            long n = sent.get() + 1;
            EventEnvelope event = new EventEnvelope(
                    "restart-bench-" + n,
                    OffsetDateTime.now(ZoneOffset.ofHours(8)),
                    new CheckinCreated(
                            n,
                            n % 500,
                            MoodLevel.values()[(int) (n % 9)],
                            EnergyLevel.MODERATE,
                            StressLevel.LOW_STRESS,
                            null));
            try {
                producer.send(new ProducerRecord<>(
                                Topics.EVENTS,
                                event.partitionKey(),
                                ContractJson.mapper().writeValueAsString(event)))
                        .get();
                sent.set(n);
            } catch (Exception e) {
                System.out.println("send failed: " + e.getMessage());
            }
        }

        void runFor(Duration duration) throws InterruptedException {
            long until = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < until) {
                TimeUnit.MILLISECONDS.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        }

        void stop() throws InterruptedException {
            pacer.shutdown();
            pacer.awaitTermination(10, TimeUnit.SECONDS);
        }

        long sent() {
            return sent.get();
        }

        Feed resume() {
            return new Feed(servers, rate, producer, sent);
        }
    }

    /** Reads committed stats as they appear. */
    private static final class StatsWatch implements AutoCloseable {
        private static final TopicPartition PARTITION = CommittedStats.PARTITION;
        private final KafkaConsumer<String, String> consumer;
        private long lastToday;

        StatsWatch(String servers) {
            consumer = CommittedStats.atEnd(servers);
        }

        /** The end a read_committed reader sees now: what the killed process had committed. */
        long committedEnd() {
            return consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
        }

        /** nanoTime when the first record at or after {@code offset} (the restarted process's) was read. */
        long awaitRecordFrom(long offset, Duration patience) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    track(record);
                    if (record.offset() >= offset) {
                        return System.nanoTime();
                    }
                }
            }
            return -1;
        }

        boolean awaitToday(long expected, Duration patience) {
            long deadline = System.nanoTime() + patience.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(this::track);
                if (lastToday == expected) {
                    return true;
                }
            }
            System.out.println("today is " + lastToday + ", expected " + expected);
            return false;
        }

        private void track(ConsumerRecord<String, String> record) {
            if ("today".equals(record.key())) {
                lastToday = ContractJson.mapper()
                        .readValue(record.value(), StatsUpdate.class)
                        .stats()
                        .rangeCheckins();
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
