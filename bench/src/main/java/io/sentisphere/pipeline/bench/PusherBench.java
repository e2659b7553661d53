package io.sentisphere.pipeline.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.local.ContractTopics;
import io.sentisphere.pipeline.local.KraftBroker;
import io.sentisphere.pipeline.local.PipelineProcesses;
import io.sentisphere.pipeline.local.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline (broker, ingest, stats-stream, broadcast, channels-server, each from its jar)
 * observed by the dashboard's real client (laravel-echo + pusher-js in Node, subscribed to
 * {@code private('cache-dashboard')} through {@code /broadcasting/auth}).
 *
 * <p>Freshness: signed check-ins POSTed one per request at {@code BENCH_RATE} (200/s) for
 * {@code BENCH_SECONDS} (20); an event is fresh on the dashboard when the client first receives a
 * {@code this_week_checkins} at least as high as the count including it; p50/p99 of that delay.
 * Economy: 1,000 check-ins at 100/s; Pusher events triggered (all channels, broadcast's counter),
 * trigger calls, events the dashboard's channel received, and whether the last one is exact.
 */
public final class PusherBench {

    static final String WEBHOOK_SECRET = "bench-webhook-secret";
    static final String JWT_SECRET = "bench-jwt-secret-with-at-least-32-bytes";

    public static void main(String[] args) throws Exception {
        int rate = Knobs.intEnv("BENCH_RATE", 200);
        int seconds = Knobs.intEnv("BENCH_SECONDS", 20);
        int isolatedEvents = Knobs.intEnv("BENCH_ISOLATED_EVENTS", 60);
        int idleSeconds = Knobs.intEnv("BENCH_IDLE_SECONDS", 20);
        // About 100 s at 200/s: a method called once per request reaches C2's thresholds only after
        // tens of thousands of requests, and with 8,000 the compilers were most of a core of the load
        // phase (bench/RESULTS.md, session 20).
        int warmupEvents = Knobs.intEnv("BENCH_WARMUP_EVENTS", 20_000);
        int warmupRate = Knobs.intEnv("BENCH_WARMUP_RATE", rate);
        Path home = Path.of(System.getProperty("stack.home", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("pusher-bench");
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            KraftBroker broker = KraftBroker.start(
                    new KraftBroker.Settings(work.resolve("kafka"), Ports.free(), Ports.free(), "512m"));
            running.push(broker);
            ContractTopics.create(broker.bootstrapServers());
            Map<String, String> env = pipelineEnv(work, Map.of());
            // Builds of stats-stream or ingest-service to run instead of this one's, e.g. to compare with.
            Map<String, Path> jars = new LinkedHashMap<>();
            Map.of("stats-stream", "BENCH_STATS_JAR", "ingest-service", "BENCH_INGEST_JAR")
                    .forEach((service, knob) -> {
                        String jar = System.getenv(knob);
                        if (jar != null && !jar.isBlank()) {
                            jars.put(service, Path.of(jar));
                        }
                    });
            PipelineProcesses pipeline = PipelineProcesses.start(
                    home, broker.bootstrapServers(), PipelineProcesses.ServicePorts.free(), env, jars);
            running.push(pipeline);
            int ingest = pipeline.ports().ingest();
            int broadcast = pipeline.ports().broadcast();
            int channels = pipeline.ports().channels();

            HttpClient http = HttpClient.newHttpClient();
            try (JsClient dashboard = JsClient.start()) {
                dashboard.echo("app-key", channels, "http://127.0.0.1:" + broadcast + "/broadcasting/auth", token());
                dashboard.listenToDashboard("cache-dashboard");
                dashboard.await(JsClient.type("echo-subscribed", "cache-dashboard"), Duration.ofSeconds(60));
                long base = awaitStartupStats(dashboard);

                System.out.println("warm-up: " + warmupEvents + " check-ins at " + warmupRate + "/s ...");
                long afterWarmup = base + send(http, ingest, warmupEvents, warmupRate, null);
                awaitCount(dashboard, afterWarmup);

                // Idle: nothing flowing, every process of the stack (the broker included).
                Map<String, Long> pids = new LinkedHashMap<>();
                pids.put("kafka", broker.pid());
                pids.putAll(pipeline.pids());
                System.out.println("idle CPU: " + idleSeconds + " s with nothing flowing ...");
                Map<String, Double> idle = CpuUsage.percentOver(pids, Duration.ofSeconds(idleSeconds));

                System.out.println("isolated: " + isolatedEvents + " check-ins at 2/s ...");
                long[] isolatedSent = new long[isolatedEvents];
                long[] isolatedAcked = new long[isolatedEvents];
                long[] isolatedCommitted;
                try (CommittedStats committed = new CommittedStats(broker.bootstrapServers())) {
                    send(http, ingest, isolatedEvents, 2, isolatedSent, isolatedAcked);
                    awaitCount(dashboard, afterWarmup + isolatedEvents);
                    isolatedCommitted = committed.firstSeen(afterWarmup, isolatedEvents);
                }
                long[] isolated = freshness(dashboard, afterWarmup, isolatedSent);
                Hops hops = Hops.of(isolatedSent, isolatedAcked, isolatedCommitted, isolated);
                long afterIsolated = afterWarmup + isolatedEvents;

                int events = rate * seconds;
                System.out.println("freshness: " + events + " check-ins at " + rate + "/s ...");
                long[] sentAt = new long[events];
                long[] ackedAt = new long[events];
                long[] committedAt;
                int receivedBeforeLoad = dashboard
                        .lines(JsClient.type("echo-event", "cache-dashboard"))
                        .size();
                // The load phase's CPU, this harness (the sender) included: on a machine this small the
                // processes share the cores, and a stage short of CPU shows up as freshness.
                Map<String, Long> loadPids = new LinkedHashMap<>(pids);
                loadPids.put(
                        "this harness (sending, signing, the broker's client)",
                        ProcessHandle.current().pid());
                Map<String, Long> loadTicks = CpuUsage.ticks(loadPids);
                Map<String, Map<String, Long>> loadCompilerTicks = new LinkedHashMap<>();
                loadPids.forEach((name, pid) -> loadCompilerTicks.put(name, CpuUsage.compilerThreadTicks(pid)));
                long loadStartMillis = System.currentTimeMillis();
                long achievedStart = System.nanoTime();
                double loadSeconds;
                Map<String, Double> loadCpu;
                Map<String, Double> loadCompilerCpu;
                try (CommittedStats committed = new CommittedStats(broker.bootstrapServers())) {
                    send(http, ingest, events, rate, sentAt, ackedAt);
                    loadSeconds = (System.nanoTime() - achievedStart) / 1e9;
                    loadCpu = CpuUsage.percentSince(loadPids, loadTicks, loadSeconds);
                    loadCompilerCpu = CpuUsage.compilerPercentSince(loadPids, loadCompilerTicks, loadSeconds);
                    awaitCount(dashboard, afterIsolated + events);
                    committedAt = committed.firstSeen(afterIsolated, events);
                }
                double achieved = events / loadSeconds;
                long[] fresh = freshness(dashboard, afterIsolated, sentAt);
                Hops loadHops = Hops.of(sentAt, ackedAt, committedAt, fresh);
                loadHops.printSlowest(10);
                List<Long> loadPushes = dashboard.lines(JsClient.type("echo-event", "cache-dashboard")).stream()
                        .skip(receivedBeforeLoad)
                        .map(l -> l.path("at").asLong())
                        .filter(at -> at <= loadStartMillis + (long) (loadSeconds * 1000))
                        .toList();
                double pushesPerSecond = loadPushes.size() / loadSeconds;
                long closestPushes = Long.MAX_VALUE;
                for (int i = 1; i < loadPushes.size(); i++) {
                    closestPushes = Math.min(closestPushes, loadPushes.get(i) - loadPushes.get(i - 1));
                }

                System.out.println("economy: 1,000 check-ins at 100/s ...");
                long beforeEconomy = afterIsolated + events;
                double triggeredBefore = metric(http, broadcast, "broadcast_events_delivered_total");
                double callsBefore = metric(http, broadcast, "broadcast_pusher_calls_total");
                int receivedBefore = dashboard
                        .lines(JsClient.type("echo-event", "cache-dashboard"))
                        .size();
                send(http, ingest, 1_000, 100, null);
                awaitCount(dashboard, beforeEconomy + 1_000);
                // Let the trailing edges settle: the last state must be the exact count.
                dashboard.await(l -> isCount(l, beforeEconomy + 1_000), Duration.ofSeconds(30));
                double triggered = metric(http, broadcast, "broadcast_events_delivered_total") - triggeredBefore;
                double calls = metric(http, broadcast, "broadcast_pusher_calls_total") - callsBefore;
                List<JsonNode> received = dashboard.lines(JsClient.type("echo-event", "cache-dashboard"));
                int receivedEconomy = received.size() - receivedBefore;
                long last = count(received.get(received.size() - 1));

                Arrays.sort(isolated);
                Arrays.sort(fresh);
                String conflation = env.getOrDefault("BROADCAST_CONFLATION_MS", "100");
                StringBuilder idleRows = new StringBuilder();
                idle.forEach((name, percent) -> idleRows.append("| … %s | %.1f %% | |%n".formatted(name, percent)));
                StringBuilder loadCpuRows = new StringBuilder();
                loadCpu.forEach((name, percent) -> loadCpuRows.append("| … %s | %.1f %% (JIT compilers %.1f %%) | |%n"
                        .formatted(name, percent, loadCompilerCpu.get(name))));
                String report = """
                        ### Pusher path (`bench/pusher`), %s

                        Machine: %d cores, %s; Java %s. Broker, ingest, stats-stream, broadcast, channels-server,
                        the Node dashboard client (laravel-echo 2.5 + pusher-js 8.6) and this harness on one machine.
                        Settings: %s; conflation %s ms; %s; %d warm-up check-ins at %d/s.

                        | measure | value | target |
                        |---|---|---|
                        | isolated check-ins, POST → `.DashboardUpdated` in pusher-js, %d at 2/s: p50 / p99 / max | **%d / %d** / %d ms | ≤ 100 / ≤ 200 ms |
                        | … hop by hop, p50 / p99: POST → ingest's 2xx (Kafka acknowledged) | %s ms | |
                        | … 2xx → the stats committed (a `read_committed` reader of `dashboard.stats.v1`) | %s ms | |
                        | … committed stats → `.DashboardUpdated` (broadcast, Pusher HTTP, channels-server, socket) | %s ms | |
                        | freshness under load, %d check-ins at %.0f/s achieved: p50 / p99 / max | **%d / %d** / %d ms | p99 ≤ 500 ms |
                        | … hop by hop, p50 / p99: POST → 2xx / 2xx → stats committed / committed → `.DashboardUpdated` | %s / %s / %s ms | |
                        | … pushes to the dashboard's channel while loaded: per second / closest two | **%.2f/s** / %d ms apart | ≤ 1 per %s ms |
                        | … CPU while sending (100 %% = one core; %d cores in all) | %.1f %% | |
                        %s| idle CPU of the whole stack, %d s with nothing flowing (100 %% = one core) | **%.1f %%** | |
                        %s| economy, 1,000 check-ins at 100/s: Pusher events triggered (all channels) | **%.0f** (in %.0f `trigger`/`batch_events` calls) | |
                        | … events received on the dashboard's channel (`private-cache-dashboard`) | %d | |
                        | … last state received: `this_week_checkins` | %d (expected %d: %s) | exact |
                        """.formatted(
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("os.arch"),
                        System.getProperty("java.version"),
                        settings(env),
                        conflation,
                        jars.isEmpty() ? "this build's jars" : "this build's except " + jars,
                        warmupEvents,
                        warmupRate,
                        isolated.length,
                        pct(isolated, 50),
                        pct(isolated, 99),
                        isolated[isolated.length - 1],
                        hops.acked(),
                        hops.committed(),
                        hops.delivered(),
                        events,
                        achieved,
                        pct(fresh, 50),
                        pct(fresh, 99),
                        fresh[fresh.length - 1],
                        loadHops.acked(),
                        loadHops.committed(),
                        loadHops.delivered(),
                        pushesPerSecond,
                        closestPushes,
                        conflation,
                        Runtime.getRuntime().availableProcessors(),
                        loadCpu.values().stream()
                                .mapToDouble(Double::doubleValue)
                                .sum(),
                        loadCpuRows,
                        idleSeconds,
                        idle.values().stream().mapToDouble(Double::doubleValue).sum(),
                        idleRows,
                        triggered,
                        calls,
                        receivedEconomy,
                        last,
                        beforeEconomy + 1_000,
                        last == beforeEconomy + 1_000 ? "exact" : "WRONG");
                System.out.println(report);
                Path out = home.resolve("bench/results/pusher.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            }
        } finally {
            while (!running.isEmpty()) {
                running.pop().close();
            }
        }
    }

    /**
     * The services' environment for a bench: quiet logs, the bench's secrets, state under
     * {@code work}, then {@code defaults}, then any {@code BROADCAST_*} / {@code STATS_*} knob of
     * the bench's own environment (ports excluded), which wins; {@code LOGGING_LEVEL_*} too (Spring
     * Boot's log levels, e.g. a Kafka client class at DEBUG while a stall is looked into).
     */
    static Map<String, String> pipelineEnv(Path work, Map<String, String> defaults) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LOGGING_LEVEL_ROOT", "WARN");
        env.put("SERVICES_WEBHOOK_SHARED_SECRET", WEBHOOK_SECRET);
        env.put("DASHBOARD_JWT_SECRET", JWT_SECRET);
        env.put("STATS_STATE_DIR", work.resolve("state").toString());
        env.putAll(defaults);
        System.getenv().forEach((k, v) -> {
            if ((k.startsWith("BROADCAST_") || k.startsWith("STATS_") || k.startsWith("LOGGING_LEVEL_"))
                    && !k.endsWith("_PORT")) {
                env.put(k, v);
            }
        });
        return env;
    }

    /** The non-default service settings of this run (the bench's own knobs), or "defaults". */
    static String settings(Map<String, String> env) {
        String knobs = env.entrySet().stream()
                .filter(e -> System.getenv(e.getKey()) != null)
                .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
        return knobs.isEmpty() ? "the services' defaults" : knobs;
    }

    static String token() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("bench")
                        .claim("role", "counselor")
                        .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                        .build());
        jwt.sign(new MACSigner(JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    static long count(JsonNode line) {
        return line.path("data").path("stats").path("this_week_checkins").asLong();
    }

    static boolean isCount(JsonNode line, long count) {
        return "echo-event".equals(line.path("type").asString()) && count(line) == count;
    }

    static long awaitStartupStats(JsClient dashboard) throws Exception {
        // stats-stream emits every range at start-up; the cache channel replays the latest on subscription.
        JsonNode first = dashboard.await(JsClient.type("echo-event", "cache-dashboard"), Duration.ofSeconds(60));
        return count(first);
    }

    static void awaitCount(JsClient dashboard, long count) {
        dashboard.await(
                l -> "echo-event".equals(l.path("type").asString()) && count(l) >= count, Duration.ofSeconds(120));
    }

    /** For each event k, the first receive time of a count ≥ base + k + 1, minus its send time (ms). */
    static long[] freshness(JsClient dashboard, long base, long[] sentAtMillis) {
        List<JsonNode> received = dashboard.lines(JsClient.type("echo-event", "cache-dashboard"));
        long[] result = new long[sentAtMillis.length];
        int k = 0;
        for (JsonNode line : received) {
            long reflected = count(line) - base;
            long at = line.path("at").asLong();
            while (k < sentAtMillis.length && k < reflected) {
                result[k] = at - sentAtMillis[k];
                k++;
            }
        }
        return Arrays.copyOf(result, k);
    }

    /**
     * Sends {@code n} signed check-ins, one per request, paced at {@code rate}/s, at most 64 in flight
     * (as a backend's connection pool would); a 503 (ingest busy, e.g. while its JVM warms up) is
     * retried as its Retry-After says. Returns n.
     */
    static long send(HttpClient http, int port, int n, int rate, long[] sentAtMillis) throws Exception {
        return send(http, port, n, rate, sentAtMillis, null);
    }

    /** As {@link #send(HttpClient, int, int, int, long[])}, noting when each was acknowledged (2xx). */
    static long send(HttpClient http, int port, int n, int rate, long[] sentAtMillis, long[] ackedAtMillis)
            throws Exception {
        SignedEvents signer = new SignedEvents(WEBHOOK_SECRET);
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/events");
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Integer>> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0));
            SignedEvents.Signed signed = signer.sign(
                    ("{\"id\":\"pb-%d-%d\",\"type\":\"checkin.created\",\"occurred_at\":\"%s\",\"data\":{\"checkin_id\":%d,"
                                    + "\"user_id\":%d,\"mood_level\":\"Okay\",\"energy_level\":\"High\",\"stress_level\":\"Moderate\"}}")
                            .formatted(start, i, at, i, 1 + i % 5000));
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Signature", signed.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()))
                    .build();
            inFlight.acquire();
            if (sentAtMillis != null) {
                sentAtMillis[i] = System.currentTimeMillis();
            }
            int index = i;
            pending.add(postRetrying(http, request, 5).whenComplete((status, error) -> {
                if (ackedAtMillis != null) {
                    ackedAtMillis[index] = System.currentTimeMillis();
                }
                inFlight.release();
            }));
        }
        for (var response : pending) {
            int status = response.join();
            if (status != 200) {
                throw new IllegalStateException("ingest answered " + status);
            }
        }
        return n;
    }

    static CompletableFuture<Integer> postRetrying(HttpClient http, HttpRequest request, int attempts) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() == 503 && attempts > 1) {
                long after = response.headers().firstValueAsLong("Retry-After").orElse(1);
                return CompletableFuture.supplyAsync(
                                () -> 0, CompletableFuture.delayedExecutor(after, TimeUnit.SECONDS))
                        .thenCompose(x -> postRetrying(http, request, attempts - 1));
            }
            return CompletableFuture.completedFuture(response.statusCode());
        });
    }

    static double metric(HttpClient http, int port, String name) throws Exception {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return body.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /**
     * Each check-in's delay split at ingest's acknowledgement and at the stats commit (ms, per
     * event): POST → 2xx, 2xx → committed stats read, committed → {@code .DashboardUpdated}.
     */
    record Hops(long[] sent, long[] toAck, long[] toCommit, long[] toDashboard, long[] total) {
        static Hops of(long[] sent, long[] acked, long[] committed, long[] total) {
            int n = total.length;
            long[] toAck = new long[n];
            long[] toCommit = new long[n];
            long[] toDashboard = new long[n];
            for (int k = 0; k < n; k++) {
                toAck[k] = acked[k] - sent[k];
                toCommit[k] = committed[k] - acked[k];
                toDashboard[k] = sent[k] + total[k] - committed[k];
            }
            return new Hops(sent, toAck, toCommit, toDashboard, total.clone());
        }

        String acked() {
            return p50p99(toAck);
        }

        String committed() {
            return p50p99(toCommit);
        }

        String delivered() {
            return p50p99(toDashboard);
        }

        /** Prints the {@code n} slowest check-ins: when each was sent (ms into the phase) and its hops. */
        void printSlowest(int n) {
            Integer[] order = new Integer[total.length];
            Arrays.setAll(order, k -> k);
            Arrays.sort(order, (a, b) -> Long.compare(total[b], total[a]));
            System.out.println("slowest (phase began at " + Instant.ofEpochMilli(sent[0])
                    + "): sent at +ms: total = to 2xx + to committed + to dashboard");
            for (int i = 0; i < Math.min(n, order.length); i++) {
                int k = order[i];
                System.out.printf(
                        "  +%d: %d = %d + %d + %d%n",
                        sent[k] - sent[0], total[k], toAck[k], toCommit[k], toDashboard[k]);
            }
        }

        private static String p50p99(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return pct(sorted, 50) + " / " + pct(sorted, 99);
        }
    }

    static long pct(long[] sorted, int p) {
        return sorted.length == 0
                ? -1
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
