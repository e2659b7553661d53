package io.sentisphere.pipeline.broadcast.it;

import static io.sentisphere.pipeline.jsclients.JsClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two broadcast-service instances of one deployment: exactly one publishes (it holds the publisher
 * group's partition), both serve reads; the publisher killed with SIGKILL is replaced within 10 s
 * and the dashboard (laravel-echo) ends on the latest state.
 */
@KafkaIntegrationTest
class PublisherFailoverIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern DELIVERED = Pattern.compile("(?m)^broadcast_events_delivered_total\\{[^}]*} ([0-9.E]+)$");

    record Instance(ServiceProcess process, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    @Test
    void oneInstancePublishesAndTheOtherTakesOverWhenItDies(TestKafka kafka) throws Exception {
        int channelsPort = Ports.free();
        String group = "publisher-failover-it-" + UUID.randomUUID();
        try (ServiceProcess channels = ServiceProcess.start(
                        "channels-server",
                        Path.of("../channels-server/target/channels-server.jar"),
                        channelsPort,
                        Map.of("PIPELINE_PROFILE", "local", "CHANNELS_PORT", String.valueOf(channelsPort)));
                StatsWriter stats = new StatsWriter(kafka.bootstrapServers());
                Instance a = start(kafka, channelsPort, group)) {
            await().atMost(WAIT).until(() -> publishing(a));
            try (Instance b = start(kafka, channelsPort, group);
                    JsClient echo = JsClient.start()) {
                failover(stats, a, b, echo, channelsPort);
            }
        }
    }

    private static void failover(StatsWriter stats, Instance a, Instance b, JsClient echo, int channelsPort)
            throws Exception {
        // given two instances, the first holding the lease (a second one joining does not take it),
        // and a dashboard subscribed through the other one's auth endpoint
        assertThat(publishing(b))
                .as("the joining instance does not take the lease")
                .isFalse();
        assertThat(publishing(a)).isTrue();
        echo.echo("app-key", channelsPort, "http://127.0.0.1:" + b.port() + "/broadcasting/auth", Tokens.counselor());
        echo.listenToDashboard("cache-dashboard");
        echo.await(type("echo-subscribed", "cache-dashboard"), WAIT);

        // when states flow, only the publisher publishes; both answer current stats (values no
        // other test of this JVM's broker writes: the stats topic keeps their states)
        for (long n = 1; n <= 20; n++) {
            stats.write(StatsRange.THIS_WEEK, 9_500_000 + n, "checkin.created");
            stats.flush();
        }
        echo.await(update(9_500_020), WAIT);
        assertThat(delivered(b)).as("the other instance publishes nothing").isZero();
        assertThat(delivered(a)).isPositive();
        await().atMost(WAIT).until(() -> currentCheckins(b) == 9_500_020 && currentCheckins(a) == 9_500_020);

        // and when the publisher dies, the other one takes over within 10 s
        a.process().kill();
        long killedAt = System.nanoTime();
        long killedAtMillis = System.currentTimeMillis();
        stats.write(StatsRange.THIS_WEEK, 9_600_001, "checkin.created");
        stats.flush();
        echo.await(update(9_600_001).and(l -> l.path("at").asLong() >= killedAtMillis), Duration.ofSeconds(10));
        System.out.println("broadcast-service failover: the next state reached Echo "
                + (System.nanoTime() - killedAt) / 1_000_000 + " ms after SIGKILL of the publisher");
        assertThat(publishing(b)).isTrue();
        stats.write(StatsRange.THIS_WEEK, 9_600_002, "checkin.created");
        stats.flush();
        echo.await(update(9_600_002), WAIT);
    }

    static Instance start(TestKafka kafka, int channelsPort, String group) throws Exception {
        int port = Ports.free();
        Map<String, String> env = BroadcastJar.env(kafka, port, channelsPort, group);
        return new Instance(ServiceProcess.start("broadcast-service", BroadcastJar.JAR, port, env), port);
    }

    static java.util.function.Predicate<JsonNode> update(long checkins) {
        return type("echo-event", "cache-dashboard")
                .and(l ->
                        l.path("data").path("stats").path("this_week_checkins").asLong() == checkins);
    }

    static String get(Instance instance, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static boolean publishing(Instance instance) throws Exception {
        return ContractJson.mapper()
                .readTree(get(instance, "/health", null))
                .path("components")
                .path("pusher")
                .path("details")
                .path("publishing")
                .asBoolean(false);
    }

    static long currentCheckins(Instance instance) throws Exception {
        return ContractJson.mapper()
                .readTree(get(instance, "/api/dashboard/current?range=this_week", Tokens.counselor()))
                .path("this_week_checkins")
                .asLong(-1);
    }

    static double delivered(Instance instance) throws Exception {
        Matcher matcher = DELIVERED.matcher(get(instance, "/metrics", null));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
