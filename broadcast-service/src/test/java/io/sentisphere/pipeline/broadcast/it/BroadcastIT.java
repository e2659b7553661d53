package io.sentisphere.pipeline.broadcast.it;

import static io.sentisphere.pipeline.jsclients.JsClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * broadcast-service against a real broker and the packaged channels-server, observed through the
 * dashboard's real client: Laravel Echo's {@code private('cache-dashboard').listen('.DashboardUpdated')},
 * authorized by this service's {@code /broadcasting/auth}; channels-server reports cache misses to
 * this service's {@code /pusher/webhooks}.
 */
@KafkaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BroadcastIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final int CHANNELS_PORT = Ports.free();
    static final int BROADCAST_PORT = Ports.free();
    static final Map<String, String> CHANNELS_ENV = Map.of(
            "PIPELINE_PROFILE",
            "local",
            "CHANNELS_PORT",
            String.valueOf(CHANNELS_PORT),
            "CHANNELS_WEBHOOK_URL",
            "http://127.0.0.1:" + BROADCAST_PORT + "/pusher/webhooks");
    static final Path CHANNELS_JAR = Path.of("../channels-server/target/channels-server.jar");
    static ServiceProcess channels;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    final List<JsClient> clients = new ArrayList<>();
    StatsWriter stats;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("PIPELINE_PROFILE", () -> "local");
        registry.add("BROADCAST_PORT", () -> String.valueOf(BROADCAST_PORT));
        registry.add("KAFKA_BOOTSTRAP_SERVERS", () -> SharedKafka.get().bootstrapServers());
        registry.add("PUSHER_PORT", () -> String.valueOf(CHANNELS_PORT));
        registry.add("DASHBOARD_JWT_SECRET", () -> Tokens.SECRET);
        registry.add("BROADCAST_RETRY_MAX_MS", () -> "1000");
        // Its own publisher group: other tests' instances in this JVM's broker must not take the lease.
        registry.add("BROADCAST_PUBLISHER_GROUP", () -> "broadcast-it-" + java.util.UUID.randomUUID());
    }

    @BeforeAll
    static void startChannelsServer() throws Exception {
        channels = ServiceProcess.start("channels-server", CHANNELS_JAR, CHANNELS_PORT, CHANNELS_ENV);
    }

    @AfterAll
    static void stopChannelsServer() throws Exception {
        channels.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(JsClient::close);
        if (stats != null) {
            stats.close();
        }
    }

    StatsWriter stats() {
        if (stats == null) {
            stats = new StatsWriter(SharedKafka.get().bootstrapServers());
        }
        return stats;
    }

    JsClient echo(String token, String channel) {
        JsClient client = JsClient.start();
        clients.add(client);
        client.echo("app-key", CHANNELS_PORT, "http://127.0.0.1:" + port + "/broadcasting/auth", token);
        client.listenToDashboard(channel);
        return client;
    }

    JsClient subscribedEcho(String channel) {
        JsClient client = echo(Tokens.counselor(), channel);
        client.await(type("echo-subscribed", channel), WAIT);
        return client;
    }

    static Predicate<JsonNode> update(String channel, long checkins) {
        return type("echo-event", channel)
                .and(l ->
                        l.path("data").path("stats").path("this_week_checkins").asLong() == checkins);
    }

    @Test
    void echoReceivesDashboardUpdatedOnThePrivateBaseChannel() {
        JsClient client = subscribedEcho("cache-dashboard");

        stats().write(StatsRange.THIS_WEEK, 101_001, "checkin.created");

        JsonNode event = client.await(update("cache-dashboard", 101_001), WAIT);
        assertThat(event.path("data").path("type").asString()).isEqualTo("stats_update");
        assertThat(event.path("data").path("reason").asString()).isEqualTo("checkin.created");
        assertThat(event.path("data").path("stats").path("range").asString()).isEqualTo("this_week");
        assertThat(event.path("data").path("timestamp").asString()).isNotEmpty();
    }

    @Test
    void eachRangeHasItsOwnChannel() {
        JsClient today = subscribedEcho("cache-dashboard.today");
        JsClient base = subscribedEcho("cache-dashboard");

        stats().write(StatsRange.TODAY, 202_002, "checkin.created");
        stats().write(StatsRange.THIS_WEEK, 202_003, "checkin.created");

        today.await(update("cache-dashboard.today", 202_002), WAIT);
        base.await(update("cache-dashboard", 202_003), WAIT);
        assertThat(base.lines(update("cache-dashboard", 202_002))).isEmpty();
        assertThat(today.lines(update("cache-dashboard.today", 202_003))).isEmpty();
    }

    @Test
    void aTokenWithAnotherSecretOrRoleIsRefused() {
        JsClient forged = echo(Tokens.token("another-secret-that-is-32-bytes-long!", "counselor"), "cache-dashboard");
        JsClient student = echo(Tokens.token(Tokens.SECRET, "student"), "cache-dashboard");

        assertThat(forged.await(type("echo-error", "cache-dashboard"), WAIT)
                        .path("status")
                        .asInt())
                .isEqualTo(401);
        assertThat(student.await(type("echo-error", "cache-dashboard"), WAIT)
                        .path("status")
                        .asInt())
                .isEqualTo(403);
    }

    @Test
    void aBurstIsConflatedAndTheLastStateArrivesExactly() {
        JsClient client = subscribedEcho("cache-dashboard");
        double delivered = registry.counter("broadcast.events.delivered").count();

        for (int i = 1; i <= 1_000; i++) {
            stats().write(StatsRange.THIS_WEEK, 300_000 + i, "checkin.created");
        }
        stats().flush();

        client.await(update("cache-dashboard", 301_000), WAIT);
        List<JsonNode> received = client.lines(type("echo-event", "cache-dashboard")
                .and(l ->
                        l.path("data").path("stats").path("this_week_checkins").asLong() > 300_000));
        assertThat(received.size()).as("events received for 1,000 states").isLessThan(50);
        assertThat(received.get(received.size() - 1)
                        .path("data")
                        .path("stats")
                        .path("this_week_checkins")
                        .asLong())
                .isEqualTo(301_000);
        assertThat(registry.counter("broadcast.events.delivered").count() - delivered)
                .isLessThan(100);
    }

    @Test
    void currentStatsNeedACounselorToken() throws Exception {
        stats().write(StatsRange.LAST_MONTH, 404_004, "rollover");
        stats().flush();

        await().atMost(WAIT)
                .until(() -> get("/api/dashboard/current?range=last_month", Tokens.counselor())
                        .body()
                        .contains("\"this_week_checkins\":404004"));
        assertThat(get("/api/dashboard/current?range=last_month", null).statusCode())
                .isEqualTo(401);
        assertThat(get("/api/dashboard/current?range=last_month", Tokens.token(Tokens.SECRET, "student"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> bad = get("/api/dashboard/current?range=last_year", Tokens.counselor());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"error\":\"unknown_range\"");
        assertThat(get("/api/dashboard/current?range=last_30d", Tokens.counselor())
                        .statusCode())
                .isIn(200, 503);
    }

    @Test
    void authSignsOnlyThisServicesPrivateChannels() throws Exception {
        HttpResponse<String> ok =
                postForm("socket_id=123.456&channel_name=private-cache-dashboard.today", Tokens.counselor());
        HttpResponse<String> other = postForm("socket_id=123.456&channel_name=private-other", Tokens.counselor());
        HttpResponse<String> json = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/broadcasting/auth"))
                                .header("Authorization", "Bearer " + Tokens.counselor())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"socket_id\":\"123.456\",\"channel_name\":\"private-cache-dashboard\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).matches("\\{\"auth\":\"app-key:[0-9a-f]{64}\"}");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json.statusCode()).isEqualTo(200);
    }

    @Test
    void aChannelsServerOutageLosesNothingButIntermediateStates() throws Exception {
        JsClient client = subscribedEcho("cache-dashboard");
        stats().write(StatsRange.THIS_WEEK, 500_000, "checkin.created");
        client.await(update("cache-dashboard", 500_000), WAIT);

        channels.kill();
        AtomicLong written = new AtomicLong();
        ScheduledExecutorService flow = Executors.newSingleThreadScheduledExecutor();
        flow.scheduleAtFixedRate(
                () -> stats().write(StatsRange.THIS_WEEK, 500_000 + written.incrementAndGet(), "checkin.created"),
                0,
                100,
                TimeUnit.MILLISECONDS);
        try {
            // Events keep flowing for ~10 s (100 states at 10/s) while Pusher's side is down.
            await().atMost(WAIT).until(() -> written.get() >= 100);
            await().atMost(WAIT)
                    .until(() -> registry.find("broadcast.pusher.failures").counters().stream()
                                    .mapToDouble(c -> c.count())
                                    .sum()
                            > 0);
        } finally {
            flow.shutdown();
            assertThat(flow.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        long last = 500_000 + written.get();
        await().atMost(WAIT)
                .until(() -> get("/api/dashboard/current?range=this_week", Tokens.counselor())
                        .body()
                        .contains("\"this_week_checkins\":" + last));
        assertThat(get("/health", null).body()).contains("\"pusher\"");

        channels = ServiceProcess.start("channels-server", CHANNELS_JAR, CHANNELS_PORT, CHANNELS_ENV);

        client.await(update("cache-dashboard", last), Duration.ofSeconds(60));
    }

    @Test
    void afterAChannelsServerRestartTheDashboardHasTheLatestStateAtOnceAndNothingIsPolled() throws Exception {
        // given a dashboard on the cache channel that has received the latest state
        JsClient client = subscribedEcho("cache-dashboard");
        stats().write(StatsRange.THIS_WEEK, 600_001, "checkin.created");
        client.await(update("cache-dashboard", 600_001), WAIT);

        // when channels-server restarts (its cache is gone) and the dashboard resubscribes
        long restartedAt = System.currentTimeMillis();
        channels.close();
        channels = ServiceProcess.start("channels-server", CHANNELS_JAR, CHANNELS_PORT, CHANNELS_ENV);
        JsonNode resubscribed = client.await(
                type("echo-subscribed", "cache-dashboard").and(l -> l.path("at").asLong() > restartedAt),
                Duration.ofSeconds(60));

        // then the cache miss brings the latest state within a second of resubscribing
        JsonNode latest = client.await(
                update("cache-dashboard", 600_001).and(l -> l.path("at").asLong() > restartedAt), WAIT);
        assertThat(latest.path("at").asLong() - resubscribed.path("at").asLong())
                .isLessThanOrEqualTo(1_000);
        assertThat(billable("webhook")).isGreaterThanOrEqualTo(1);

        // and over a quiet minute broadcast-service makes no call to Pusher's API at all
        double apiCalls = billable("api_call");
        double pusherCalls = registry.counter("broadcast.pusher.calls").count();
        await().during(Duration.ofSeconds(60))
                .atMost(Duration.ofSeconds(70))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> billable("api_call") == apiCalls
                        && registry.counter("broadcast.pusher.calls").count() == pusherCalls);
    }

    /** channels-server's count of what Pusher would bill as {@code kind}. */
    static double billable(String kind) throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + CHANNELS_PORT + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher matcher = Pattern.compile(
                        "channels_billable_messages_total\\{[^}]*kind=\"" + kind + "\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        assertThat(matcher.find()).as("billable " + kind + " in /metrics").isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void servesItsOpenApiDocumentAndTheSchemasItReferences() throws Exception {
        HttpResponse<String> openApi = get("/openapi.yaml", null);

        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body())
                .startsWith("openapi: 3.1")
                .contains("/broadcasting/auth:", "/api/dashboard/current:", "/pusher/webhooks:");
        assertThat(get("/schemas/dashboard-stats.json", null).body()).contains("\"title\": \"DashboardStats\"");
    }

    @Test
    void aDashboardOnAnotherOriginMayCallAuth() throws Exception {
        HttpResponse<String> preflight = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/broadcasting/auth"))
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", "http://dashboard.example:5173")
                                .header("Access-Control-Request-Method", "POST")
                                .header("Access-Control-Request-Headers", "authorization,content-type,x-csrf-token")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://dashboard.example:5173");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase())
                .contains("authorization");
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postForm(String form, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/broadcasting/auth"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
