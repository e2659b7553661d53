package io.sentisphere.pipeline.bench;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.local.ContractTopics;
import io.sentisphere.pipeline.local.KraftBroker;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ingest benchmark: a real broker process, the real ingest-service jar, and in the same run
 * Kafka's own {@code ProducerPerformance} writing the same records with the same producer
 * settings. Prints a Markdown section for {@code bench/RESULTS.md} and saves it under
 * {@code bench/results/}.
 *
 * <p>Knobs (environment): {@code BENCH_SECONDS} per phase (20), {@code BENCH_WORKERS} closed-loop
 * clients (64), {@code BENCH_BATCH} events per batch request (100), {@code BENCH_PRODUCER_RECORDS}
 * (1000000), {@code BENCH_WARMUP_SECONDS} (45), {@code BENCH_EVENTS_PARTITIONS} (the contract's), {@code
 * BENCH_PROFILE=1} records a JFR profile of ingest.
 * Needs {@code wrk} on the PATH ({@code bench/ingest} installs it from Debian when missing).
 */
public final class IngestBench {

    private static final String SECRET = "local-webhook-secret";

    public static void main(String[] args) throws Exception {
        Duration phase = Duration.ofSeconds(Knobs.intEnv("BENCH_SECONDS", 20));
        Duration warmup = Duration.ofSeconds(Knobs.intEnv("BENCH_WARMUP_SECONDS", 45));
        int workers = Knobs.intEnv("BENCH_WORKERS", 64);
        int batch = Knobs.intEnv("BENCH_BATCH", 100);
        int producerRecords = Knobs.intEnv("BENCH_PRODUCER_RECORDS", 1_000_000);
        // The contract's partition count unless told otherwise (to compare with builds that had more).
        int eventsPartitions = Knobs.intEnv("BENCH_EVENTS_PARTITIONS", Topics.EVENTS_PARTITIONS);
        Path home = Path.of(System.getProperty("stack.home", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("ingest-bench");
        int ingestPort = Ports.free();

        try (KraftBroker broker =
                KraftBroker.start(new KraftBroker.Settings(work.resolve("kafka"), Ports.free(), Ports.free(), "1g"))) {
            ContractTopics.create(
                    broker.bootstrapServers(),
                    ContractTopics.Layout.SINGLE_BROKER.withEventsPartitions(eventsPartitions));
            List<String> jvm = new ArrayList<>(List.of("-Xmx512m"));
            if ("1".equals(System.getenv("BENCH_PROFILE"))) {
                jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
                jvm.add("-XX:StartFlightRecording=filename=" + home.resolve("bench/results/ingest.jfr")
                        + ",settings=profile");
                System.out.println("profiling ingest to bench/results/ingest.jfr");
            }
            try (ServiceProcess ingest = ServiceProcess.start(
                    "ingest-service",
                    home.resolve("ingest-service/target/ingest-service.jar"),
                    ingestPort,
                    Map.of(
                            "PIPELINE_PROFILE",
                            "local",
                            "KAFKA_BOOTSTRAP_SERVERS",
                            broker.bootstrapServers(),
                            "SERVICES_WEBHOOK_SHARED_SECRET",
                            SECRET,
                            "INGEST_PORT",
                            String.valueOf(ingestPort),
                            "INGEST_MAX_BODY_BYTES",
                            String.valueOf(1024 * 1024),
                            "INGEST_MAX_IN_FLIGHT",
                            "4096",
                            "LOGGING_LEVEL_ROOT",
                            "WARN"),
                    jvm)) {
                SignedEvents events = new SignedEvents(SECRET);
                String base = "http://127.0.0.1:" + ingestPort;
                Wrk singles = Wrk.prepare(work, "singles", "/api/events", 20_000, events::single);
                Wrk batches = Wrk.prepare(work, "batches", "/api/events", 400, () -> events.batch(batch));

                // The JIT needs tens of seconds on 2 cores before ingest reaches its steady state.
                System.out.println("warm-up " + warmup.toSeconds() + " s ...");
                singles.run(base, workers, warmup);
                batches.run(base, Math.max(2, workers / 8), warmup.dividedBy(3));
                System.out.println("saturation, one event per request ...");
                Wrk.Result saturated = singles.run(base, workers, phase);
                System.out.println("saturation, " + batch + " events per request ...");
                Wrk.Result batched = batches.run(base, Math.max(2, workers / 8), phase);
                double half = saturated.requestsPerSecond() / 2;
                System.out.println("paced at about " + Math.round(half) + " requests/s ...");
                int paced = 128;
                Wrk.Result halfRate = singles.run(base, paced, phase, (int) Math.max(1, paced * 1000 / half - 1));

                System.out.println("raw producer (ProducerPerformance) ...");
                Path payloads = work.resolve("payloads.txt");
                int recordSize = writeKafkaPayloads(payloads, events);
                double raw = producerPerformance(broker.bootstrapServers(), payloads, producerRecords);

                String report =
                        report(saturated, batched, batch, halfRate, raw, recordSize, workers, phase, eventsPartitions);
                System.out.println(report);
                Path results = home.resolve("bench/results");
                Files.createDirectories(results);
                Files.writeString(
                        results.resolve("ingest-"
                                + LocalDateTime.now().withNano(0).toString().replace(':', '-') + ".md"),
                        report);
            }
        }
    }

    /** The records ingest writes for these bodies: the envelope without the comment. */
    private static int writeKafkaPayloads(Path file, SignedEvents events) throws IOException {
        List<String> lines = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < 1000; i++) {
            String record = events.checkin()
                    .replaceAll(", \"comment\": \"[^\"]*\"", "")
                    .replace(": ", ":")
                    .replace(", ", ",");
            lines.add(record);
            total += record.getBytes(StandardCharsets.UTF_8).length;
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return (int) (total / lines.size());
    }

    private static double producerPerformance(String servers, Path payloads, int records) throws Exception {
        Process process = new ProcessBuilder(
                        javaBin(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.ProducerPerformance",
                        "--topic",
                        Topics.EVENTS,
                        "--num-records",
                        String.valueOf(records),
                        "--throughput",
                        "-1",
                        "--payload-file",
                        payloads.toString(),
                        "--producer-props",
                        "bootstrap.servers=" + servers,
                        "acks=all",
                        "enable.idempotence=true",
                        "linger.ms=2",
                        "compression.type=lz4",
                        "max.in.flight.requests.per.connection=5")
                .redirectErrorStream(true)
                .start();
        String last = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("records sent")) {
                    last = line;
                }
            }
        }
        process.waitFor();
        Matcher m = Pattern.compile("([\\d.]+) records/sec").matcher(last == null ? "" : last);
        if (!m.find()) {
            throw new IOException("ProducerPerformance printed no summary");
        }
        System.out.println("  " + last);
        return Double.parseDouble(m.group(1));
    }

    private static String report(
            Wrk.Result saturated,
            Wrk.Result batched,
            int batch,
            Wrk.Result half,
            double raw,
            int recordSize,
            int workers,
            Duration phase,
            int eventsPartitions) {
        return """
                ### Ingest, %s

                Machine: %d cores, %s; Java %s. The load generator (wrk), ingest-service and the broker share
                the machine; `dashboard.events.v1` has %d partition(s). Phases of %d s after a JIT warm-up; closed loop with %d connections; then paced
                at about half the saturated rate (128 connections, each waiting after every response).

                | measure | value |
                |---|---|
                | ingest saturated, 1 event/request | %.0f requests/s (non-2xx: %d), p50 / p90 / p99 %s |
                | ingest saturated, %d events/request | %.0f events/s (%.0f requests/s, non-2xx: %d), p50 / p90 / p99 %s |
                | raw producer (ProducerPerformance, same %d-byte records, acks=all, idempotent, lz4) | %.0f records/s |
                | **ratio ingest ÷ raw producer, 1 event/request** | **%.3f** |
                | **ratio ingest ÷ raw producer, %d events/request** | **%.3f** |
                | paced at %.0f requests/s (%.2f × saturated): p50 / p90 / p99 | **%s** (non-2xx: %d) |
                """.formatted(
                        LocalDateTime.now().withNano(0),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("os.arch"),
                        System.getProperty("java.version"),
                        eventsPartitions,
                        phase.toSeconds(),
                        workers,
                        saturated.requestsPerSecond(),
                        saturated.non2xx(),
                        saturated.latency(),
                        batch,
                        batched.requestsPerSecond() * batch,
                        batched.requestsPerSecond(),
                        batched.non2xx(),
                        batched.latency(),
                        recordSize,
                        raw,
                        saturated.requestsPerSecond() / raw,
                        batch,
                        batched.requestsPerSecond() * batch / raw,
                        half.requestsPerSecond(),
                        half.requestsPerSecond() / saturated.requestsPerSecond(),
                        half.latency(),
                        half.non2xx());
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
