package io.sentisphere.pipeline.channels.it;

import static io.sentisphere.pipeline.jsclients.JsClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Event;
import com.pusher.rest.data.Result;
import com.pusher.rest.data.Validity;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.channels.metrics.ChannelsMetrics;
import io.sentisphere.pipeline.jsclients.JsClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * channels-server with the real clients: events triggered by pusher-http-java, received by pusher-js
 * (Node) on public, private, presence and cache channels; client events; ping/pong; the HTTP API's
 * refusals.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"PIPELINE_PROFILE=local", "CHANNELS_CLIENT_EVENTS_PER_SECOND=3"})
class ChannelsServerIT {

    static final String APP_ID = "app-id";
    static final String KEY = "app-key";
    static final String SECRET = "app-secret";
    static final Duration WAIT = Duration.ofSeconds(15);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static AuthEndpoint auth;
    static final WebhookEndpoint WEBHOOKS = WebhookEndpoint.start();

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        registry.add("CHANNELS_WEBHOOK_URL", WEBHOOKS::url);
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelsMetrics metrics;

    @Autowired
    MeterRegistry registry;

    final List<JsClient> clients = new ArrayList<>();

    @BeforeAll
    static void authEndpoint() throws Exception {
        auth = new AuthEndpoint(APP_ID, KEY, SECRET);
    }

    @AfterAll
    static void stopAuth() {
        auth.close();
        WEBHOOKS.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(JsClient::close);
    }

    Pusher pusher() {
        Pusher pusher = new Pusher(APP_ID, KEY, SECRET);
        pusher.setHost("127.0.0.1:" + port);
        pusher.setEncrypted(false);
        return pusher;
    }

    JsClient client(Map<String, ?> options) {
        JsClient client = JsClient.start();
        clients.add(client);
        client.connect(KEY, port, options);
        client.await(
                line -> "state".equals(line.path("type").asString())
                        && "connected".equals(line.path("current").asString()),
                WAIT);
        return client;
    }

    JsClient subscribed(String channel, Map<String, ?> options) {
        JsClient client = client(options);
        client.send(Map.of("cmd", "subscribe", "channel", channel));
        client.await(type("subscribed", channel), WAIT);
        return client;
    }

    static JsonNode data(Map<String, ?> value) {
        return JSON.valueToTree(value);
    }

    @Test
    void publicChannelReceivesAnEventTriggeredWithPusherHttpJava() {
        JsClient client = subscribed("dashboard", Map.of());

        Result result = pusher().trigger("dashboard", "DashboardUpdated", Map.of("type", "stats_update", "n", 1));

        assertThat(result.getHttpStatus()).isEqualTo(200);
        JsonNode event = client.await(type("event", "dashboard"), WAIT);
        assertThat(event.path("event").asString()).isEqualTo("DashboardUpdated");
        assertThat(event.path("data")).isEqualTo(data(Map.of("type", "stats_update", "n", 1)));
    }

    @Test
    void privateChannelNeedsAValidSignature() {
        JsClient good = subscribed("private-dashboard", Map.of("authEndpoint", auth.url(null)));
        JsClient forged = client(Map.of("authEndpoint", auth.url("forge")));
        forged.send(Map.of("cmd", "subscribe", "channel", "private-dashboard"));

        JsonNode refused = forged.await(type("subscription_error", "private-dashboard"), WAIT);
        assertThat(refused.path("status").asInt()).isEqualTo(401);

        pusher().trigger(List.of("private-dashboard"), "DashboardUpdated", Map.of("n", 2));
        assertThat(good.await(type("event", "private-dashboard"), WAIT)
                        .path("data")
                        .path("n")
                        .asInt())
                .isEqualTo(2);
        assertThat(forged.lines(type("event", "private-dashboard"))).isEmpty();
        assertThat(metrics.rejections("invalid_subscription_auth")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void presenceMembersAreAddedOncePerUserAndRemovedAfterTheirLastSocket() {
        String channel = "presence-counselors";
        JsClient watcher = subscribed(channel, Map.of("authEndpoint", auth.url("user=1")));
        JsClient userTwo = subscribed(channel, Map.of("authEndpoint", auth.url("user=2")));
        JsonNode joined = watcher.await(
                type("event", channel)
                        .and(l -> "pusher:member_added".equals(l.path("event").asString())),
                WAIT);
        assertThat(joined.path("data").path("id").asString()).isEqualTo("2");
        assertThat(userTwo.await(type("subscribed", channel), WAIT)
                        .path("members")
                        .path("count")
                        .asInt())
                .isEqualTo(2);

        JsClient userTwoAgain = subscribed(channel, Map.of("authEndpoint", auth.url("user=2")));
        Result users = pusher().get("/channels/" + channel + "/users");
        assertThat(users.getMessage()).contains("\"1\"").contains("\"2\"");

        userTwoAgain.close();
        await().atMost(WAIT)
                .until(() -> pusher().get("/channels/" + channel, Map.of("info", "subscription_count"))
                        .getMessage()
                        .contains("\"subscription_count\":2"));
        userTwo.close();
        JsonNode left = watcher.await(
                type("event", channel)
                        .and(l -> "pusher:member_removed".equals(l.path("event").asString())),
                WAIT);
        assertThat(left.path("data").path("id").asString()).isEqualTo("2");
        assertThat(watcher.lines(
                        l -> "pusher:member_added".equals(l.path("event").asString())))
                .hasSize(1);
        assertThat(watcher.lines(
                        l -> "pusher:member_removed".equals(l.path("event").asString())))
                .hasSize(1);
    }

    @Test
    void aCacheMissIsReportedWithAWebhookThatPusherHttpJavaAccepts() {
        JsClient client = subscribed("cache-never-published", Map.of());
        client.await(
                type("event", "cache-never-published")
                        .and(l -> "pusher:cache_miss".equals(l.path("event").asString())),
                WAIT);

        WebhookEndpoint.Received webhook = await().atMost(WAIT)
                .until(
                        () -> WEBHOOKS.received().stream()
                                .filter(r -> r.body().contains("\"cache-never-published\""))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();

        assertThat(pusher().validateWebhookSignature(webhook.key(), webhook.signature(), webhook.body()))
                .isEqualTo(Validity.VALID);
        JsonNode body = JSON.readTree(webhook.body());
        assertThat(body.path("time_ms").asLong()).isPositive();
        assertThat(body.path("events")).singleElement().satisfies(e -> {
            assertThat(e.path("name").asString()).isEqualTo("cache_miss");
            assertThat(e.path("channel").asString()).isEqualTo("cache-never-published");
        });
        assertThat(billable("webhook")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void billableMessagesAreCountedByPushersRule() {
        subscribed("billed", Map.of());
        subscribed("billed", Map.of());
        double api = billable("api_call");
        double deliveries = billable("delivery");
        double queries = registry.counter("channels.api.queries").count();

        pusher().trigger("billed", "DashboardUpdated", Map.of("n", 1)); // 1 publish, 2 deliveries
        pusher().trigger(
                        List.of("billed", "nobody-here"),
                        "DashboardUpdated",
                        Map.of("n", 2)); // 2 publishes, 2 deliveries
        pusher().get("/channels"); // a query: billed too

        assertThat(billable("api_call") - api).isEqualTo(4);
        assertThat(billable("delivery") - deliveries).isEqualTo(4);
        assertThat(registry.counter("channels.api.queries").count() - queries).isEqualTo(1);
    }

    double billable(String kind) {
        return registry.get("channels.billable.messages")
                .tag("kind", kind)
                .counter()
                .count();
    }

    @Test
    void cacheChannelReplaysTheLastEventOrReportsACacheMiss() {
        JsClient early = subscribed("cache-stats", Map.of());
        early.await(
                type("event", "cache-stats")
                        .and(l -> "pusher:cache_miss".equals(l.path("event").asString())),
                WAIT);

        pusher().trigger("cache-stats", "DashboardUpdated", Map.of("n", 1));
        pusher().trigger("cache-stats", "DashboardUpdated", Map.of("n", 2));
        JsClient late = subscribed("cache-stats", Map.of());

        JsonNode replayed = late.await(
                type("event", "cache-stats")
                        .and(l -> "DashboardUpdated".equals(l.path("event").asString())),
                WAIT);
        assertThat(replayed.path("data").path("n").asInt()).isEqualTo(2);
        assertThat(late.lines(l -> "pusher:cache_miss".equals(l.path("event").asString())))
                .isEmpty();
    }

    @Test
    void clientEventsReachOthersButNotTheSenderAndAreRateLimited() {
        String channel = "private-chat";
        JsClient sender = subscribed(channel, Map.of("authEndpoint", auth.url(null)));
        JsClient other = subscribed(channel, Map.of("authEndpoint", auth.url(null)));

        for (int i = 1; i <= 5; i++) {
            sender.send(Map.of("cmd", "trigger", "channel", channel, "event", "client-typing", "data", Map.of("i", i)));
        }

        JsonNode limited = sender.await(type("error").and(l -> l.toString().contains("4301")), WAIT);
        assertThat(limited.toString()).contains("rate limit");
        other.await(type("event", channel).and(l -> l.path("data").path("i").asInt() == 3), WAIT);
        assertThat(other.lines(type("event", channel)
                        .and(l -> "client-typing".equals(l.path("event").asString()))))
                .extracting(l -> l.path("data").path("i").asInt())
                .containsExactly(1, 2, 3);
        assertThat(sender.lines(type("event", channel)
                        .and(l -> "client-typing".equals(l.path("event").asString()))))
                .isEmpty();
    }

    @Test
    void clientEventsAreRefusedOnPublicChannels() {
        JsClient sender = subscribed("public-room", Map.of());
        JsClient other = subscribed("public-room", Map.of());

        sender.send(Map.of("cmd", "trigger", "channel", "public-room", "event", "client-x", "data", Map.of()));

        sender.await(type("error").and(l -> l.toString().contains("only supported on private and presence")), WAIT);
        assertThat(other.lines(type("event", "public-room"))).isEmpty();
    }

    @Test
    void perMessageCompressionIsNeverNegotiated() throws Exception {
        // given a handshake offering permessage-deflate, as browsers and Node's ws do
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String handshake = "GET /app/" + KEY + "?protocol=7 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
            socket.getOutputStream().write(handshake.getBytes(StandardCharsets.US_ASCII));

            // when the server accepts the upgrade
            BufferedReader response =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> head = new ArrayList<>();
            for (String line = response.readLine(); line != null && !line.isEmpty(); line = response.readLine()) {
                head.add(line.toLowerCase(Locale.ROOT));
            }

            // then it declines the extension: a published frame's bytes go to every socket as they are
            assertThat(head.get(0)).contains(" 101 ");
            assertThat(head).noneMatch(h -> h.startsWith("sec-websocket-extensions"));
        }
    }

    @Test
    void pusherJsPingsAnIdleConnectionAndTheServerAnswers() {
        JsClient client = client(Map.of("activityTimeout", 300, "pongTimeout", 2000));

        var pong = type("message").and(l -> "pusher:pong".equals(l.path("event").asString()));

        await().atMost(WAIT).until(() -> client.lines(pong).size() >= 2);
        assertThat(client.lines(type("state")).stream()
                        .map(l -> l.path("current").asString()))
                .as("pings answered, so the connection never dropped")
                .containsExactly("connected");
    }

    @Test
    void anEventNamingASocketIdSkipsThatSocket() {
        JsClient excluded = subscribed("room", Map.of());
        JsClient included = subscribed("room", Map.of());
        String socketId = excluded.await(
                        l -> "connected".equals(l.path("current").asString()), WAIT)
                .path("socket_id")
                .asString();

        pusher().trigger("room", "first", Map.of("n", 1), socketId);
        pusher().trigger(List.of(new Event("room", "second", Map.of("n", 2))));

        excluded.await(
                type("event", "room").and(l -> "second".equals(l.path("event").asString())), WAIT);
        included.await(
                type("event", "room").and(l -> "second".equals(l.path("event").asString())), WAIT);
        assertThat(excluded.lines(type("event", "room")).stream()
                        .map(l -> l.path("event").asString()))
                .containsExactly("second");
        assertThat(included.lines(type("event", "room")).stream()
                        .map(l -> l.path("event").asString()))
                .containsExactly("first", "second");
    }

    @Test
    void channelQueriesReportOccupancy() {
        subscribed("presence-room", Map.of("authEndpoint", auth.url("user=9")));
        subscribed("open-room", Map.of());

        assertThat(pusher().get("/channels").getMessage())
                .contains("\"presence-room\"")
                .contains("\"open-room\"");
        assertThat(pusher().get("/channels", Map.of("filter_by_prefix", "presence-", "info", "user_count"))
                        .getMessage())
                .isEqualTo("{\"channels\":{\"presence-room\":{\"user_count\":1}}}");
        assertThat(pusher().get("/channels/open-room", Map.of("info", "subscription_count"))
                        .getMessage())
                .isEqualTo("{\"occupied\":true,\"subscription_count\":1}");
        assertThat(pusher().get("/channels/nobody-here").getMessage()).isEqualTo("{\"occupied\":false}");
        assertThat(pusher().get("/channels/presence-room/users").getMessage())
                .isEqualTo("{\"users\":[{\"id\":\"9\"}]}");
        assertThat(pusher().get("/channels/open-room/users").getHttpStatus()).isEqualTo(400);
    }

    // --- HTTP API refusals: requests signed by pusher-http-java, then altered -----------------------------

    HttpResponse<String> post(URI uri, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    URI signed(String path, String body) {
        return pusher().signedUri("POST", "/apps/" + APP_ID + path, body);
    }

    static String event(String data, int channels) {
        List<String> names =
                IntStream.range(0, channels).mapToObj(i -> "\"c" + i + "\"").toList();
        return "{\"name\":\"e\",\"channels\":[" + String.join(",", names) + "],\"data\":"
                + JSON.writeValueAsString(data) + "}";
    }

    @Test
    void aCorrectlySignedRequestIsAccepted() throws Exception {
        String body = event("{}", 1);
        assertThat(post(signed("/events", body), body).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongSignatureIsRefusedWith401() throws Exception {
        String body = event("{}", 1);
        String uri = signed("/events", body).toString();
        String tampered = uri.replaceAll("auth_signature=[0-9a-f]{4}", "auth_signature=0000");

        HttpResponse<String> response = post(URI.create(tampered), body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("invalid_signature");
    }

    @Test
    void aStaleTimestampIsRefusedWith401() throws Exception {
        String body = event("{}", 1);
        long stale = Instant.now().minusSeconds(3600).getEpochSecond();
        String md5 = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("MD5")
                        .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        String query = "auth_key=" + KEY + "&auth_timestamp=" + stale + "&auth_version=1.0&body_md5=" + md5;
        // Signed as Pusher specifies (and with pusher-http-java's signer), an hour ago.
        String signature = com.pusher.rest.SignatureUtil.sign("POST\n/apps/" + APP_ID + "/events\n" + query, SECRET);
        URI uri = URI.create(
                "http://127.0.0.1:" + port + "/apps/" + APP_ID + "/events?" + query + "&auth_signature=" + signature);

        HttpResponse<String> response = post(uri, body);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("stale_timestamp");
    }

    @Test
    void aWrongBodyMd5IsRefusedWith401() throws Exception {
        String signedBody = event("{}", 1);
        String sentBody = event("{\"x\":1}", 1);

        HttpResponse<String> response = post(signed("/events", signedBody), sentBody);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("invalid_body_md5");
    }

    @Test
    void dataOverTenKilobytesIsRefusedWith413() throws Exception {
        String body = event("x".repeat(10 * 1024 + 1), 1);

        HttpResponse<String> response = post(signed("/events", body), body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("data_too_large");
        String atLimit = event("x".repeat(10 * 1024), 1);
        assertThat(post(signed("/events", atLimit), atLimit).statusCode()).isEqualTo(200);
    }

    @Test
    void moreThanAHundredChannelsAreRefusedWith400() throws Exception {
        String body = event("{}", 101);

        HttpResponse<String> response = post(signed("/events", body), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("too_many_channels");
        String hundred = event("{}", 100);
        assertThat(post(signed("/events", hundred), hundred).statusCode()).isEqualTo(200);
    }

    @Test
    void moreThanTenEventsInABatchAreRefusedWith400AndNothingIsPublished() throws Exception {
        JsClient client = subscribed("batch-room", Map.of());
        List<String> items = IntStream.range(0, 11)
                .mapToObj(i -> "{\"channel\":\"batch-room\",\"name\":\"e" + i + "\",\"data\":\"{}\"}")
                .toList();
        String body = "{\"batch\":[" + String.join(",", items) + "]}";

        HttpResponse<String> response = post(signed("/batch_events", body), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("batch_too_large");
        pusher().trigger("batch-room", "after", Map.of());
        client.await(type("event", "batch-room"), WAIT);
        assertThat(client.lines(type("event", "batch-room")).stream()
                        .map(l -> l.path("event").asString()))
                .containsExactly("after");
    }

    @Test
    void anUnknownAppIdIs404() throws Exception {
        String body = event("{}", 1);
        URI uri = pusher().signedUri("POST", "/apps/other-app/events", body);

        assertThat(post(uri, body).statusCode()).isEqualTo(404);
    }
}
