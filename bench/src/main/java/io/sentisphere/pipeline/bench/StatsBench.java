package io.sentisphere.pipeline.bench;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.local.ContractTopics;
import io.sentisphere.pipeline.local.KraftBroker;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The stats-stream benchmark, one run: fill {@code dashboard.events.v1} with realistic events,
 * measure Kafka's own {@code ConsumerPerformance} reading them, then the real stats-stream jar
 * catching up from a cold start (exactly-once on), then event → stats latency at a steady
 * 200 events/s, sampling the process's resident memory throughout.
 *
 * <p>Knobs (environment): {@code BENCH_EVENTS} (1000000), {@code BENCH_RATE} (200),
 * {@code BENCH_SECONDS} (30), {@code BENCH_STATS_HEAP} and {@code BENCH_ROCKSDB_MB} (unset: as stats-stream ships),
 * {@code BENCH_FLOOR}, {@code BENCH_FLOOR_AFTER}, {@code BENCH_ROUNDS} (see bench/README.md).
 */
public final class StatsBench {

    private static final String[] MOODS = {
        "Awesome", "Great", "Loved", "Okay", "Meh", "Anxious", "Bad", "Terrible", "Upset"
    };
    private static final String[] ENERGY = {"Low", "Moderate", "High"};
    private static final String[] STRESS = {"No Stress", "Low Stress", "Moderate", "High Stress", "Very High Stress"};

    public static void main(String[] args) throws Exception {
        int events = Knobs.intEnv("BENCH_EVENTS", 1_000_000);
        int rate = Knobs.intEnv("BENCH_RATE", 200);
        Duration steady = Duration.ofSeconds(Knobs.intEnv("BENCH_SECONDS", 30));
        Path home = Path.of(System.getProperty("stack.home", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("stats-bench");
        try (KraftBroker broker =
                KraftBroker.start(new KraftBroker.Settings(work.resolve("kafka"), Ports.free(), Ports.free(), "1g"))) {
            String servers = broker.bootstrapServers();
            ContractTopics.create(servers);
            System.out.println("filling " + events + " events ...");
            long fillStart = System.nanoTime();
            fill(servers, events);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

            System.out.println("raw consumer (ConsumerPerformance) ...");
            double raw = consumerPerformance(servers, events);

            List<String> variants = Arrays.stream(
                            System.getenv().getOrDefault("BENCH_FLOOR", "").split(","))
                    .map(String::trim)
                    .filter(variant -> !variant.isBlank())
                    .toList();
            Map<String, FloorRate> floorsBefore = new LinkedHashMap<>();
            Map<String, String> floorFailures = new LinkedHashMap<>();
            for (String variant : variants) {
                try {
                    floorsBefore.put(variant, floor(servers, variant, "floor-" + variant, events));
                } catch (IllegalStateException e) {
                    floorFailures.put(variant, e.getMessage());
                }
            }

            if ("1".equals(System.getenv("BENCH_FLOOR_ONLY"))) {
                System.out.printf(
                        "raw consumer %.0f events/s%n%s",
                        raw, floorRows(floorsBefore, Map.of(), floorFailures, raw, Double.NaN, Double.NaN, null));
                return;
            }

            System.out.println("stats-stream cold start and catch-up ...");
            int port = Ports.free();
            long startNanos = System.nanoTime();
            // Otherwise as shipped: ServiceProcess caps glibc arenas, the RocksDB budget is the config default.
            Map<String, String> statsEnv = new java.util.HashMap<>(Map.of(
                    "PIPELINE_PROFILE",
                    "production",
                    "KAFKA_BOOTSTRAP_SERVERS",
                    servers,
                    "STATS_PORT",
                    String.valueOf(port),
                    "STATS_STATE_DIR",
                    work.resolve("state").toString(),
                    "LOGGING_LEVEL_ROOT",
                    "WARN"));
            putIfSet(statsEnv, "STATS_ROCKSDB_MEMORY_MB", "BENCH_ROCKSDB_MB");
            putIfSet(statsEnv, "MALLOC_ARENA_MAX", "BENCH_MALLOC_ARENA_MAX");
            // Any STATS_* variable of the bench's environment reaches stats-stream (e.g. STATS_COMMIT_INTERVAL_MS).
            System.getenv().forEach((k, v) -> {
                if (k.startsWith("STATS_") && !k.equals("STATS_PORT") && !k.equals("STATS_STATE_DIR")) {
                    statsEnv.put(k, v);
                }
            });
            double fromRunning;
            double fromLaunch;
            Warm warm;
            long[] latencies;
            MemorySampler memory;
            try (ServiceProcess stats =
                    ServiceProcess.start("stats-stream", statsJar(home), port, statsEnv, jvmOptions(home))) {
                memory = new MemorySampler(stats.pid());
                CatchUpTrace trace = new CatchUpTrace(stats.pid(), events);
                long runningNanos = System.nanoTime();
                awaitCaughtUp(
                        servers,
                        "stats-stream",
                        true,
                        memory,
                        trace,
                        ProcessHandle.of(stats.pid()).orElseThrow());
                long caughtUpNanos = System.nanoTime();
                fromRunning = events / ((caughtUpNanos - runningNanos) / 1e9);
                fromLaunch = events / ((caughtUpNanos - startNanos) / 1e9);
                warm = Warm.of(trace, runningNanos, caughtUpNanos);

                System.out.println("steady " + rate + " events/s for " + steady.toSeconds() + " s ...");
                latencies = steadyLatency(servers, rate, steady, memory);
                Arrays.sort(latencies);
            }

            // Each floor again, now that stats-stream has stopped, on the same topic (plus the steady
            // phase's events) under a new application id: a floor's rate drifts from run to run by as
            // much as the gap being measured, and taking it on both sides of stats-stream halves the
            // drift's weight and any bias of going first.
            Map<String, FloorRate> floorsAfter = new LinkedHashMap<>();
            if (!"0".equals(System.getenv("BENCH_FLOOR_AFTER"))) {
                long eventsNow = endOffsets(servers, Topics.EVENTS);
                for (String variant : floorsBefore.keySet()) {
                    try {
                        floorsAfter.put(variant, floor(servers, variant, "floor-" + variant + "-after", eventsNow));
                    } catch (IllegalStateException e) {
                        floorFailures.put(variant, "after stats-stream: " + e.getMessage());
                    }
                }
            }

            String floorAndRoundRows = floorRows(
                            floorsBefore, floorsAfter, floorFailures, raw, fromRunning, fromLaunch, warm)
                    + extraRounds(home, work, servers, statsEnv, floorsBefore, floorsAfter, raw, fromRunning, warm);

            String report = """
                    ### stats-stream, %s

                    Machine: %d cores, %s; Java %s; broker, stats-stream (%s; `%s`, RocksDB budget %s MiB) and
                    this harness share the machine. Exactly-once v2 on.

                    | measure | value |
                    |---|---|
                    | events in `dashboard.events.v1` | %d (filled in %.1f s) |
                    | raw consumer read, `ConsumerPerformance` | %.0f events/s |
                    | stats-stream catch-up from cold start (RUNNING → caught up) | %.0f events/s |
                    | … counting JVM and Streams start-up | %.0f events/s |
                    | … second half of the events only; JIT compiler threads' CPU in the first / second half | %s |
                    | **ratio catch-up ÷ raw consumer** | **%.3f** |
                    | steady %d events/s for %d s: event → stats latency p50 / p99 / max | **%d / %d** / %d ms (%d events) |
                    | stats-stream RSS, max over catch-up and steady phase | **%d MB** |
                    %s""".formatted(
                            LocalDateTime.now().withNano(0),
                            Runtime.getRuntime().availableProcessors(),
                            System.getProperty("os.arch"),
                            System.getProperty("java.version"),
                            home.relativize(statsJar(home)),
                            String.join(" ", jvmOptions(home)),
                            statsEnv.getOrDefault("STATS_ROCKSDB_MEMORY_MB", "32 (default)"),
                            events,
                            fillSeconds,
                            raw,
                            fromRunning,
                            fromLaunch,
                            warm.describe(),
                            fromRunning / raw,
                            rate,
                            steady.toSeconds(),
                            percentile(latencies, 50),
                            percentile(latencies, 99),
                            latencies[latencies.length - 1],
                            latencies.length,
                            memory.maxMegabytes(),
                            floorAndRoundRows);
            System.out.println(report);
            Path results = home.resolve("bench/results");
            Files.createDirectories(results);
            Files.writeString(
                    results.resolve("stats-"
                            + LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".md"),
                    report);
        }
    }

    /**
     * {@code BENCH_ROUNDS} (default 1) rounds in all: after the first, stats-stream catches up from
     * cold again (a new application id and state directory, the whole topic) and the first floor
     * variant runs again after it, so the floors and stats-stream alternate. Each round's ratio is
     * to the mean of the floor runs on either side of it. On a machine whose speed drifts by ±20 %
     * within minutes, the median of several such ratios says more than one. No steady phase in
     * the extra rounds.
     *
     * @return the report's rows for the extra rounds and the median, or nothing with one round
     */
    private static String extraRounds(
            Path home,
            Path work,
            String servers,
            Map<String, String> statsEnv,
            Map<String, FloorRate> floorsBefore,
            Map<String, FloorRate> floorsAfter,
            double raw,
            double firstRate,
            Warm firstWarm)
            throws Exception {
        int rounds = Knobs.intEnv("BENCH_ROUNDS", 1);
        if (rounds <= 1) {
            return "";
        }
        String variant = floorsAfter.keySet().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "BENCH_ROUNDS needs BENCH_FLOOR and the floor after stats-stream (not BENCH_FLOOR_AFTER=0)"));
        List<Double> ratios = new ArrayList<>();
        List<Double> warmRatios = new ArrayList<>();
        FloorRate firstFloors = floorsBefore.get(variant).meanWith(floorsAfter.get(variant));
        ratios.add(firstRate / firstFloors.fromRunning());
        warmRatios.add(firstWarm.secondHalfRate() / firstFloors.warm().secondHalfRate());
        StringBuilder rows = new StringBuilder();
        FloorRate previous = floorsAfter.get(variant);
        for (int round = 2; round <= rounds; round++) {
            long events = endOffsets(servers, Topics.EVENTS);
            System.out.println("round " + round + ": stats-stream cold start and catch-up (" + events + " events) ...");
            Map<String, String> env = new java.util.HashMap<>(statsEnv);
            env.put("STATS_APPLICATION_ID", "stats-stream-round-" + round);
            env.put("STATS_STATE_DIR", work.resolve("state-round-" + round).toString());
            int port = Ports.free();
            env.put("STATS_PORT", String.valueOf(port));
            double rate;
            long rss;
            Warm warm;
            try (ServiceProcess stats =
                    ServiceProcess.start("stats-stream", statsJar(home), port, env, jvmOptions(home))) {
                MemorySampler memory = new MemorySampler(stats.pid());
                CatchUpTrace trace = new CatchUpTrace(stats.pid(), events);
                long runningNanos = System.nanoTime();
                awaitCaughtUp(
                        servers,
                        "stats-stream-round-" + round,
                        true,
                        memory,
                        trace,
                        ProcessHandle.of(stats.pid()).orElseThrow());
                long end = System.nanoTime();
                rate = events / ((end - runningNanos) / 1e9);
                rss = memory.maxMegabytes();
                warm = Warm.of(trace, runningNanos, end);
            }
            FloorRate after = floor(servers, variant, "floor-" + variant + "-round-" + round, events);
            FloorRate floors = previous.meanWith(after);
            double ratio = rate / floors.fromRunning();
            double warmRatio = warm.secondHalfRate() / floors.warm().secondHalfRate();
            ratios.add(ratio);
            warmRatios.add(warmRatio);
            rows.append(
                    "| round %d: stats-stream catch-up (RUNNING → caught up), RSS, second half; floor `%s` after it; **ratio** to the floors either side; over the second half | %.0f events/s, %d MB, %s; %s; **%.2f**; %.2f |%n"
                            .formatted(
                                    round, variant, rate, rss, warm.describe(), after.describe(raw), ratio, warmRatio));
            previous = after;
        }
        rows.append("| **median ratio stats-stream ÷ floor `%s` over %d rounds** (each round's: %s) | **%.2f** |%n"
                .formatted(variant, ratios.size(), listed(ratios), median(ratios)));
        rows.append("| … median ratio over the second half of the events (each round's: %s) | **%.2f** |%n"
                .formatted(listed(warmRatios), median(warmRatios)));
        return rows.toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String listed(List<Double> ratios) {
        return String.join(", ", ratios.stream().map(r -> "%.2f".formatted(r)).toList());
    }

    /**
     * The report's rows for the floors: each variant's rates before and after stats-stream, and
     * stats-stream's ratio to their mean (to the one rate there is when the run after was skipped or
     * failed), over the whole catch-up and over its second half. {@code fromRunning} is NaN and
     * {@code warm} null when stats-stream was not run.
     */
    private static String floorRows(
            Map<String, FloorRate> before,
            Map<String, FloorRate> after,
            Map<String, String> failures,
            double raw,
            double fromRunning,
            double fromLaunch,
            Warm warm) {
        StringBuilder rows = new StringBuilder();
        before.forEach((variant, first) -> {
            FloorRate second = after.get(variant);
            FloorRate mean = second == null ? first : first.meanWith(second);
            rows.append(
                    "| floor `%s` (minimal Streams app, EOS v2): RUNNING → caught up; counting JVM start-up; RSS | %s |%n"
                            .formatted(
                                    variant,
                                    second == null
                                            ? first.describe(raw)
                                            : "before stats-stream %s; after %s; **mean %.0f**; %.0f events/s"
                                                    .formatted(
                                                            first.describe(raw),
                                                            second.describe(raw),
                                                            mean.fromRunning(),
                                                            mean.fromLaunch())));
            if (!Double.isNaN(fromRunning)) {
                rows.append(
                        "| **ratio stats-stream ÷ floor `%s`** (%s): RUNNING → caught up; counting start-up | **%.2f**; %.2f |%n"
                                .formatted(
                                        variant,
                                        second == null ? "one floor run" : "mean of the runs before and after",
                                        fromRunning / mean.fromRunning(),
                                        fromLaunch / mean.fromLaunch()));
                rows.append(
                        "| … ratio over the second half of the events (the work per event, once the JIT has compiled the hot code) | **%.2f** |%n"
                                .formatted(warm.secondHalfRate() / mean.warm().secondHalfRate()));
            }
        });
        failures.forEach(
                (variant, failure) -> rows.append("| floor `%s` | failed: %s |%n".formatted(variant, failure)));
        return rows.toString();
    }

    /** The sum of {@code topic}'s end offsets: how many records it holds (nothing in it is transactional). */
    private static long endOffsets(String servers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(partition ->
                            latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
                    .sum();
        }
    }

    /** The jar under test: {@code BENCH_STATS_JAR} (e.g. an older build, to compare), else the one built here. */
    private static Path statsJar(Path home) {
        String jar = System.getenv("BENCH_STATS_JAR");
        return jar == null || jar.isBlank()
                ? home.resolve("stats-stream/target/stats-stream.jar")
                : Path.of(jar).toAbsolutePath();
    }

    /**
     * A floor's catch-up rate, from its launch and from the moment it reported {@code RUNNING} (as
     * stats-stream's is: there it is when the service reports ready), so start-up costs that differ
     * between a plain {@code main} and a Spring Boot service can be told apart from processing.
     */
    record FloorRate(double fromLaunch, double fromRunning, long rssMegabytes, Warm warm) {

        /** The mean rates of two runs; the larger RSS. */
        FloorRate meanWith(FloorRate other) {
            return new FloorRate(
                    (fromLaunch + other.fromLaunch) / 2,
                    (fromRunning + other.fromRunning) / 2,
                    Math.max(rssMegabytes, other.rssMegabytes),
                    warm.meanWith(other.warm));
        }

        String describe(double raw) {
            return "%.0f; %.0f events/s (ratio to raw %.3f), %d MB; second half %s"
                    .formatted(fromRunning, fromLaunch, fromLaunch / raw, rssMegabytes, warm.describe());
        }
    }

    /**
     * A catch-up's second half ({@link CatchUpTrace}): its rate, and the JIT compiler threads' CPU
     * seconds from RUNNING to halfway and from there to the end.
     */
    record Warm(double secondHalfRate, double compilerFirstHalf, double compilerSecondHalf) {

        static Warm of(CatchUpTrace trace, long runningNanos, long endNanos) {
            return new Warm(
                    trace.secondHalfRate(endNanos),
                    trace.compilerSecondsFirstHalf(runningNanos),
                    trace.compilerSecondsSecondHalf());
        }

        Warm meanWith(Warm other) {
            return new Warm(
                    (secondHalfRate + other.secondHalfRate) / 2,
                    (compilerFirstHalf + other.compilerFirstHalf) / 2,
                    (compilerSecondHalf + other.compilerSecondHalf) / 2);
        }

        String describe() {
            return "%.0f events/s; compiler %.1f / %.1f s"
                    .formatted(secondHalfRate, compilerFirstHalf, compilerSecondHalf);
        }
    }

    /** Runs one {@link StreamsFloor} variant in its own JVM until it has committed all {@code events}. */
    private static FloorRate floor(String servers, String variant, String applicationId, long events) throws Exception {
        System.out.println("floor " + variant + " (" + applicationId + ", " + events + " events) ...");
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(statsOptions()); // the same heap, collector and native-memory settings as stats-stream
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile"),
                StreamsFloor.class.getName(),
                servers,
                variant,
                applicationId));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Long> running = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (var lines = process.inputReader()) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.equals(StreamsFloor.RUNNING_MARKER)) {
                        running.complete(System.nanoTime());
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            running.complete(-1L);
        });
        reader.setDaemon(true);
        reader.start();
        MemorySampler memory = new MemorySampler(process.pid());
        CatchUpTrace trace = new CatchUpTrace(process.pid(), events);
        try {
            awaitCaughtUp(servers, applicationId, variant.equals("repartition"), memory, trace, process.toHandle());
            long end = System.nanoTime();
            long runningAt = running.getNow(-1L);
            if (runningAt < 0) {
                throw new IllegalStateException("the floor never reported RUNNING");
            }
            return new FloorRate(
                    events / ((end - start) / 1e9),
                    events / ((end - runningAt) / 1e9),
                    memory.maxMegabytes(),
                    Warm.of(trace, runningAt, end));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** Realistic mix over the last 60 days: 70% check-ins, 10% sentiments, 10% activity, 5% journals, 5% alerts. */
    private static void fill(String servers, int count) throws Exception {
        try (KafkaProducer<String, String> producer = producer(servers)) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < count; i++) {
                long user = random.nextInt(1, 20_000);
                String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        now.minusSeconds(random.nextLong(60L * 24 * 3600)).withNano(0));
                int kind = random.nextInt(100);
                String data;
                String type;
                if (kind < 70) {
                    type = "checkin.created";
                    data =
                            "{\"checkin_id\":%d,\"user_id\":%d,\"mood_level\":\"%s\",\"energy_level\":\"%s\",\"stress_level\":\"%s\",\"feel_better\":null}"
                                    .formatted(
                                            i,
                                            user,
                                            MOODS[random.nextInt(9)],
                                            ENERGY[random.nextInt(3)],
                                            STRESS[random.nextInt(5)]);
                } else if (kind < 80) {
                    type = "sentiment.analyzed";
                    data =
                            "{\"subject\":\"checkin\",\"subject_id\":%d,\"user_id\":%d,\"sentiment\":\"%s\",\"confidence\":0.8}"
                                    .formatted(i, user, random.nextBoolean() ? "positive" : "negative");
                } else if (kind < 90) {
                    type = "activity.logged";
                    data = "{\"user_id\":%d,\"action\":\"downloaded_form\",\"target_type\":\"form\"}".formatted(user);
                } else if (kind < 95) {
                    type = "journal.created";
                    data = "{\"journal_id\":%d,\"user_id\":%d}".formatted(i, user);
                } else {
                    type = "alert.created";
                    data =
                            "{\"alert_id\":%d,\"user_id\":%d,\"name\":\"Student %d\",\"severity\":\"high\",\"status\":\"open\",\"reason\":\"r\",\"created_at\":\"%s\"}"
                                    .formatted(i, user, user, at);
                }
                String json = "{\"id\":\"bench-%d\",\"type\":\"%s\",\"occurred_at\":\"%s\",\"data\":%s}"
                        .formatted(i, type, at, data);
                producer.send(new ProducerRecord<>(Topics.EVENTS, String.valueOf(user), json));
            }
            producer.flush();
        }
    }

    private static double consumerPerformance(String servers, int events) throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.ConsumerPerformance",
                        "--bootstrap-server",
                        servers,
                        "--topic",
                        Topics.EVENTS,
                        "--messages",
                        String.valueOf(events),
                        "--timeout",
                        "60000")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        // CSV: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
        Matcher m = Pattern.compile("^\\d{4}-.*$", Pattern.MULTILINE).matcher(out);
        if (!m.find()) {
            throw new IOException("ConsumerPerformance printed no result:\n" + out);
        }
        System.out.println("  " + m.group());
        return Double.parseDouble(m.group().split(",\\s*")[5]);
    }

    /**
     * Waits until the app's committed offsets reach the end of every partition it reads: the events
     * topic, and its repartition topic when the events topic has more than one partition.
     */
    private static void awaitCaughtUp(
            String servers,
            String applicationId,
            boolean repartitioned,
            MemorySampler memory,
            CatchUpTrace trace,
            ProcessHandle process)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            int eventPartitions = admin.describeTopics(List.of(Topics.EVENTS))
                    .allTopicNames()
                    .get()
                    .get(Topics.EVENTS)
                    .partitions()
                    .size();
            int expected = eventPartitions == 1 || !repartitioned ? eventPartitions : eventPartitions + 1;
            long begin = System.nanoTime();
            long lastProgress = begin;
            long lastDone = 0;
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(applicationId + " exited before catching up");
                }
                memory.sample();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata()
                        .get();
                long now = System.nanoTime();
                // Progress of the last stage (the repartition topic when there is one), for warm-up vs steady rates.
                long done = committed.entrySet().stream()
                        .filter(e -> eventPartitions == 1
                                || !repartitioned
                                || !e.getKey().topic().equals(Topics.EVENTS))
                        .mapToLong(e -> e.getValue().offset())
                        .sum();
                trace.sample(now, done);
                if (now - lastProgress >= 5_000_000_000L) {
                    System.out.printf(
                            "  %5.1f s: %,d committed (%,.0f events/s since last)%n",
                            (now - begin) / 1e9, done, (done - lastDone) / ((now - lastProgress) / 1e9));
                    lastProgress = now;
                    lastDone = done;
                }
                if (committed.size() >= expected) {
                    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                            admin.listOffsets(latest).all().get();
                    // Under exactly-once the end offset of a transactional topic is one past its commit marker.
                    if (committed.entrySet().stream()
                            .allMatch(e -> e.getValue().offset()
                                    >= ends.get(e.getKey()).offset() - 1)) {
                        return;
                    }
                }
                Thread.sleep(250); // polling a remote state at a fixed cadence, not synchronising
            }
        }
    }

    /** Sends check-ins for today at a fixed rate; latency = first committed {@code today} update counting it. */
    private static long[] steadyLatency(String servers, int rate, Duration duration, MemorySampler memory)
            throws Exception {
        Map<String, Object> consumerProps = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "latest");
        int total = (int) (rate * duration.toSeconds());
        long[] sentAt = new long[total];
        long[] seenAt = new long[total];
        AtomicLong baseline = new AtomicLong(-1);
        try (KafkaConsumer<String, String> consumer =
                        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = producer(servers)) {
            consumer.subscribe(List.of(Topics.STATS));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            baseline.set(currentToday(consumer));
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            int next = 0;
            int seen = 0;
            long lastSample = start;
            while (seen < total && System.nanoTime() - start < duration.toNanos() + 30_000_000_000L) {
                long now = System.nanoTime();
                while (next < total && start + next * interval <= now) {
                    String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                            OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0));
                    String json =
                            ("{\"id\":\"steady-%d-%d\",\"type\":\"checkin.created\",\"occurred_at\":\"%s\",\"data\":{\"checkin_id\":%d,"
                                            + "\"user_id\":7,\"mood_level\":\"Okay\",\"energy_level\":\"High\",\"stress_level\":\"Moderate\"}}")
                                    .formatted(start, next, at, next);
                    sentAt[next] = System.nanoTime();
                    producer.send(new ProducerRecord<>(Topics.EVENTS, "7", json));
                    next++;
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(2))) {
                    if (!"today".equals(r.key())) {
                        continue;
                    }
                    long reflected = ContractJson.mapper()
                                    .readValue(r.value(), StatsUpdate.class)
                                    .stats()
                                    .rangeCheckins()
                            - baseline.get();
                    long t = System.nanoTime();
                    while (seen < Math.min(reflected, next)) {
                        seenAt[seen++] = t;
                    }
                }
                if (now - lastSample > 1_000_000_000L) {
                    memory.sample();
                    lastSample = now;
                }
            }
            long[] latencies = new long[seen];
            for (int i = 0; i < seen; i++) {
                latencies[i] = (seenAt[i] - sentAt[i]) / 1_000_000;
            }
            return latencies;
        }
    }

    /** Today's count as last emitted before the steady phase (reads the compacted topic from its start). */
    private static long currentToday(KafkaConsumer<String, String> consumer) {
        consumer.seekToBeginning(consumer.assignment());
        long today = 0;
        List<ConsumerRecord<String, String>> batch;
        do {
            batch = new ArrayList<>();
            consumer.poll(Duration.ofMillis(500)).forEach(batch::add);
            for (ConsumerRecord<String, String> r : batch) {
                if ("today".equals(r.key())) {
                    today = ContractJson.mapper()
                            .readValue(r.value(), StatsUpdate.class)
                            .stats()
                            .rangeCheckins();
                }
            }
        } while (!batch.isEmpty());
        return today;
    }

    /** stats-stream's shipped JVM options ({@link ServiceProcess#jvmOptions}), the heap from {@code BENCH_STATS_HEAP} when set. */
    private static List<String> statsOptions() {
        List<String> options = new ArrayList<>(ServiceProcess.jvmOptions("stats-stream"));
        String heap = System.getenv("BENCH_STATS_HEAP");
        if (heap != null && !heap.isBlank()) {
            options.replaceAll(option -> option.startsWith("-Xmx") ? "-Xmx" + heap : option);
        }
        return options;
    }

    private static void putIfSet(Map<String, String> env, String name, String knob) {
        String value = System.getenv(knob);
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }

    private static List<String> jvmOptions(Path home) {
        List<String> options = statsOptions();
        String extra = System.getenv("BENCH_STATS_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        if ("1".equals(System.getenv("BENCH_PROFILE"))) {
            options.add("-XX:FlightRecorderOptions=stackdepth=256");
            options.add("-XX:StartFlightRecording=filename=" + home.resolve("bench/results/stats.jfr")
                    + ",settings=profile");
        }
        return options;
    }

    private static KafkaProducer<String, String> producer(String servers) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.COMPRESSION_TYPE_CONFIG,
                        "lz4",
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new StringSerializer(),
                new StringSerializer());
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0
                ? -1
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** Resident set size of a process, from /proc (Linux). */
    private static final class MemorySampler {
        private final Path status;
        private long maxKb;

        MemorySampler(long pid) {
            this.status = Path.of("/proc/" + pid + "/status");
        }

        void sample() {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        maxKb = Math.max(maxKb, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException e) {
                // the process ended; keep the maximum seen
            }
        }

        long maxMegabytes() {
            return maxKb / 1024;
        }
    }
}
