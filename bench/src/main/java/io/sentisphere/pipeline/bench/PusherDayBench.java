package io.sentisphere.pipeline.bench;

import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.local.ContractTopics;
import io.sentisphere.pipeline.local.KraftBroker;
import io.sentisphere.pipeline.local.PipelineProcesses;
import io.sentisphere.pipeline.local.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * A school day's Pusher bill, through the real pipeline and channels-server, compressed in time.
 *
 * <p>5,000 students; 1,500 check-ins, 150 alerts, 300 form downloads and 400 sentiments between 7:00
 * and 19:00 with a morning (8:00) and a lunch (12:15) peak; 20 counselor dashboards on
 * {@code this_week} and 5 on {@code today} (real laravel-echo + pusher-js, each in its own Node
 * process, connected before the day starts). The 12 hours run in {@code BENCH_DAY_SECONDS}
 * (360, i.e. 120×), and the pipeline's own windows (stats emit, exactly-once commit,
 * conflation) are shortened to 10 ms with them, so states that are seconds apart in a real day
 * are not merged here either: every event costs what it would cost on the day.
 *
 * <p>Counted by channels-server's {@code channels_billable_messages_total{kind}}, which follows
 * Pusher's rule. "Overhead" is everything that is neither a publish nor its delivery: queries,
 * webhooks, presence member events, client events. The quiet phase afterwards
 * ({@code BENCH_QUIET_SECONDS}, 60) measures what the stack bills while nothing happens, which is
 * extrapolated to the other 12 hours of the day.
 */
public final class PusherDayBench {

    static final int FREE_TIER = 200_000;

    record Planned(double hour, String type) {}

    public static void main(String[] args) throws Exception {
        int daySeconds = Knobs.intEnv("BENCH_DAY_SECONDS", 360);
        int quietSeconds = Knobs.intEnv("BENCH_QUIET_SECONDS", 60);
        Path home = Path.of(System.getProperty("stack.home", ".")).toAbsolutePath();
        Path work = Files.createTempDirectory("pusher-day-bench");
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            KraftBroker broker = KraftBroker.start(
                    new KraftBroker.Settings(work.resolve("kafka"), Ports.free(), Ports.free(), "512m"));
            running.push(broker);
            ContractTopics.create(broker.bootstrapServers());
            // The pipeline's windows compressed with the day (see the class comment).
            Map<String, String> env = PusherBench.pipelineEnv(
                    work,
                    Map.of(
                            "STATS_EMIT_INTERVAL_MS",
                            "10",
                            "STATS_COMMIT_INTERVAL_MS",
                            "10",
                            "BROADCAST_CONFLATION_MS",
                            "10"));
            PipelineProcesses pipeline = PipelineProcesses.start(
                    home, broker.bootstrapServers(), PipelineProcesses.ServicePorts.free(), env);
            running.push(pipeline);
            int ingest = pipeline.ports().ingest();
            int broadcast = pipeline.ports().broadcast();
            int channels = pipeline.ports().channels();
            HttpClient http = HttpClient.newHttpClient();

            Map<String, Double> before = billable(http, channels);
            String token = PusherBench.token();
            List<JsClient> week = new ArrayList<>();
            List<JsClient> today = new ArrayList<>();
            try {
                for (int i = 0; i < 25; i++) {
                    JsClient client = JsClient.start();
                    String channel = i < 20 ? "cache-dashboard" : "cache-dashboard.today";
                    client.echo("app-key", channels, "http://127.0.0.1:" + broadcast + "/broadcasting/auth", token);
                    client.listenToDashboard(channel);
                    client.await(JsClient.type("echo-subscribed", channel), Duration.ofSeconds(60));
                    (i < 20 ? week : today).add(client);
                }
                Map<String, Double> morning = billable(http, channels);

                List<Planned> day = plan(new Random(20261202L));
                System.out.println("a school day: " + day.size() + " events in " + daySeconds + " s ...");
                double publishesBefore = PusherBench.metric(http, broadcast, "broadcast_events_delivered_total");
                send(http, ingest, day, daySeconds);
                long checkins =
                        day.stream().filter(p -> p.type().equals("checkin")).count();
                for (JsClient client : week) {
                    client.await(l -> PusherBench.isCount(l, checkins), Duration.ofSeconds(60));
                }
                Map<String, Double> evening = billable(http, channels);
                double publishes =
                        PusherBench.metric(http, broadcast, "broadcast_events_delivered_total") - publishesBefore;

                System.out.println("quiet for " + quietSeconds + " s ...");
                long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(quietSeconds);
                while (System.nanoTime() < quietUntil) {
                    LockSupport.parkNanos(Math.min(TimeUnit.SECONDS.toNanos(1), quietUntil - System.nanoTime()));
                }
                Map<String, Double> quiet = billable(http, channels);

                String report = report(
                        daySeconds,
                        quietSeconds,
                        day.size(),
                        before,
                        morning,
                        evening,
                        quiet,
                        publishes,
                        lastCounts(week),
                        checkins);
                System.out.println(report);
                Path out = home.resolve("bench/results/pusher-day.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            } finally {
                week.forEach(JsClient::close);
                today.forEach(JsClient::close);
            }
        } finally {
            while (!running.isEmpty()) {
                running.pop().close();
            }
        }
    }

    static String report(
            int daySeconds,
            int quietSeconds,
            int events,
            Map<String, Double> before,
            Map<String, Double> morning,
            Map<String, Double> evening,
            Map<String, Double> quiet,
            double publishes,
            List<Long> lastCounts,
            long checkins) {
        Map<String, Double> dayDelta = delta(before, evening);
        double total =
                dayDelta.values().stream().mapToDouble(Double::doubleValue).sum();
        double overhead = overhead(dayDelta);
        Map<String, Double> quietDelta = delta(evening, quiet);
        double quietTotal =
                quietDelta.values().stream().mapToDouble(Double::doubleValue).sum();
        // The other 12 hours of the day at the quiet rate, in real seconds.
        double nightExtrapolated = quietTotal / quietSeconds * 12 * 3600;
        double dayTotal = total + nightExtrapolated;
        double dayOverhead = overhead + nightExtrapolated;
        StringBuilder rows = new StringBuilder();
        for (String kind : List.of("api_call", "delivery", "member_event", "client_event", "webhook")) {
            rows.append("| `%s` | %.0f | %.0f | %.0f |%n"
                    .formatted(kind, delta(before, morning).get(kind), dayDelta.get(kind), quietDelta.get(kind)));
        }
        rows.append("| of `api_call`: queries (`channels_api_queries_total`) | %.0f | %.0f | %.0f |%n"
                .formatted(delta(before, morning).get("queries"), dayDelta.get("queries"), quietDelta.get("queries")));
        boolean exact = lastCounts.stream().allMatch(c -> c == checkins);
        return """
                ### Pusher bill for a school day (`bench/pusher-day`), %s

                Machine: %d cores; Java %s. %d events (1,500 check-ins, 150 alerts, 300 form downloads, 400
                sentiments; 5,000 students; peaks at 8:00 and 12:15) from 7:00 to 19:00 compressed into %d s; 20
                dashboards on `this_week` and 5 on `today` (laravel-echo + pusher-js), connected before the day.
                Counts by Pusher's rule, from channels-server's `channels_billable_messages_total`.

                | kind | dashboards connect | the day (incl. connect) | quiet %d s after |
                |---|---|---|---|
                %s
                | measure | value | target |
                |---|---|---|
                | billed messages for the 12 school hours | %.0f | |
                | … of which publishes (broadcast-service triggers, per channel) | %.0f | |
                | the other 12 hours, extrapolated from the quiet phase | %.0f | |
                | **the whole day** | **%.0f** | ≤ %,d (free tier) |
                | **overhead** (neither a publish nor its delivery) | **%.0f (%.3f %%)** | ≤ 1 %% |
                | last `this_week_checkins` on the 20 `this_week` dashboards | %s | %d |
                """.formatted(
                        Instant.now(),
                        Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"),
                        events,
                        daySeconds,
                        quietSeconds,
                        rows,
                        total,
                        publishes,
                        nightExtrapolated,
                        dayTotal,
                        FREE_TIER,
                        dayOverhead,
                        dayTotal == 0 ? 0 : 100 * dayOverhead / dayTotal,
                        exact ? "all " + checkins : lastCounts,
                        checkins);
    }

    static double overhead(Map<String, Double> counts) {
        return counts.get("queries") + counts.get("member_event") + counts.get("client_event") + counts.get("webhook");
    }

    static Map<String, Double> delta(Map<String, Double> from, Map<String, Double> to) {
        Map<String, Double> delta = new LinkedHashMap<>();
        to.forEach((k, v) -> delta.put(k, v - from.getOrDefault(k, 0.0)));
        return delta;
    }

    static List<Long> lastCounts(List<JsClient> clients) {
        List<Long> counts = new ArrayList<>();
        for (JsClient client : clients) {
            List<JsonNode> events = client.lines(JsClient.type("echo-event"));
            counts.add(events.isEmpty() ? -1 : PusherBench.count(events.get(events.size() - 1)));
        }
        return counts;
    }

    /** channels-server's billable counters by kind, plus {@code queries}. */
    static Map<String, Double> billable(HttpClient http, int channels) throws Exception {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + channels + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> counts = new LinkedHashMap<>();
        for (String kind : List.of("api_call", "delivery", "member_event", "client_event", "webhook")) {
            counts.put(
                    kind,
                    sum(
                            body,
                            l -> l.startsWith("channels_billable_messages_total{")
                                    && l.contains("kind=\"" + kind + "\"")));
        }
        counts.put(
                "queries",
                sum(
                        body,
                        l -> l.startsWith("channels_api_queries_total{")
                                || l.startsWith("channels_api_queries_total ")));
        return counts;
    }

    private static double sum(String metrics, java.util.function.Predicate<String> line) {
        return metrics.lines()
                .filter(line)
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The day's events at their hours (7.0 to 19.0), sorted, from a fixed seed. */
    static List<Planned> plan(Random random) {
        List<Planned> day = new ArrayList<>();
        Map<String, Integer> counts = Map.of("checkin", 1_500, "alert", 150, "form", 300, "sentiment", 400);
        counts.forEach((type, n) -> {
            for (int i = 0; i < n; i++) {
                day.add(new Planned(hour(random), type));
            }
        });
        day.sort((a, b) -> Double.compare(a.hour(), b.hour()));
        return day;
    }

    /** A school-day curve: a base rate plus a morning and a lunch peak (rejection sampling). */
    static double hour(Random random) {
        while (true) {
            double h = 7 + 12 * random.nextDouble();
            double intensity =
                    1 + 4 * Math.exp(-Math.pow((h - 8) / 0.6, 2)) + 3 * Math.exp(-Math.pow((h - 12.25) / 0.7, 2));
            if (random.nextDouble() * 5 < intensity) {
                return h;
            }
        }
    }

    static void send(HttpClient http, int port, List<Planned> day, int daySeconds) throws Exception {
        SignedEvents signer = new SignedEvents(PusherBench.WEBHOOK_SECRET);
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/events");
        Random random = new Random(7L);
        long start = System.nanoTime();
        List<CompletableFuture<Integer>> pending = new ArrayList<>();
        long run = System.nanoTime() % 1_000_000;
        for (int i = 0; i < day.size(); i++) {
            Planned event = day.get(i);
            long due = start + (long) ((event.hour() - 7) / 12 * daySeconds * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String json = json(event.type(), "day-" + run + "-" + i, i, 1 + random.nextInt(5_000), random);
            SignedEvents.Signed signed = signer.sign(json);
            pending.add(PusherBench.postRetrying(
                    http,
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .header("X-Webhook-Signature", signed.signature())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body()))
                            .build(),
                    5));
        }
        for (CompletableFuture<Integer> response : pending) {
            int status = response.join();
            if (status != 200) {
                throw new IllegalStateException("ingest answered " + status);
            }
        }
    }

    static String json(String type, String id, int n, int user, Random random) {
        String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0));
        String data = switch (type) {
            case "checkin" ->
                "{\"checkin_id\":%d,\"user_id\":%d,\"mood_level\":\"%s\",\"energy_level\":\"Moderate\",\"stress_level\":\"Low Stress\"}"
                        .formatted(
                                n,
                                user,
                                List.of("Awesome", "Great", "Okay", "Meh", "Anxious", "Bad")
                                        .get(random.nextInt(6)));
            case "alert" ->
                "{\"alert_id\":%d,\"user_id\":%d,\"name\":\"Student %d\",\"severity\":\"%s\",\"status\":\"open\",\"reason\":\"flagged check-in\",\"created_at\":\"%s\"}"
                        .formatted(
                                n, user, user, List.of("low", "medium", "high").get(random.nextInt(3)), at);
            case "form" -> "{\"user_id\":%d,\"action\":\"downloaded_form\",\"target_type\":\"form\"}".formatted(user);
            default ->
                "{\"subject\":\"checkin\",\"subject_id\":%d,\"user_id\":%d,\"sentiment\":\"%s\",\"confidence\":0.8}"
                        .formatted(
                                n,
                                user,
                                List.of("positive", "neutral", "negative", "strongly_negative")
                                        .get(random.nextInt(4)));
        };
        String eventType = switch (type) {
            case "checkin" -> "checkin.created";
            case "alert" -> "alert.created";
            case "form" -> "activity.logged";
            default -> "sentiment.analyzed";
        };
        return "{\"id\":\"%s\",\"type\":\"%s\",\"occurred_at\":\"%s\",\"data\":%s}".formatted(id, eventType, at, data);
    }

    private PusherDayBench() {}
}
