package io.sentisphere.pipeline.broadcast.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.local.Ports;
import io.sentisphere.pipeline.local.ServiceProcess;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.TestKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged broadcast-service starting on a stats topic with a history: it answers nothing
 * until it has read up to the end, then only the latest state; and it starts from what compaction
 * left, not from the whole history.
 */
@KafkaIntegrationTest
class StatsFeedStartupIT {

    static final Pattern CHECKINS = Pattern.compile("\"this_week_checkins\":(\\d+)");
    static final int CHANNELS_PORT = Ports.free();
    static ServiceProcess channels;

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @BeforeAll
    static void startChannelsServer() throws Exception {
        channels = ServiceProcess.start(
                "channels-server",
                Path.of("../channels-server/target/channels-server.jar"),
                CHANNELS_PORT,
                Map.of("PIPELINE_PROFILE", "local", "CHANNELS_PORT", String.valueOf(CHANNELS_PORT)));
    }

    @AfterAll
    static void stopChannelsServer() throws Exception {
        channels.close();
    }

    record Answer(int status, String body, String retryAfter) {}

    @Test
    void aStartingServiceNeverAnswersAStateFromTheTopicsHistory(TestKafka kafka) throws Exception {
        // given a stats topic holding many historical states of this_week (an uncompacted one, as
        // under Kafka's default segment settings: nothing rolls, nothing is cleaned)
        setTopicConfig(kafka, Map.of("segment.ms", "604800000", "segment.bytes", "1073741824"));
        try {
            startWithHistory(kafka);
        } finally {
            setTopicConfig(
                    kafka,
                    Map.of(
                            "segment.ms",
                            Topics.STATS_CONFIG.get("segment.ms"),
                            "segment.bytes",
                            Topics.STATS_CONFIG.get("segment.bytes")));
        }
    }

    private void startWithHistory(TestKafka kafka) throws Exception {
        long base = 7_000_000_000L + System.nanoTime() % 1_000_000 * 1_000;
        int history = 60_000;
        try (StatsWriter stats = new StatsWriter(kafka.bootstrapServers())) {
            for (int i = 1; i <= history; i++) {
                stats.write(StatsRange.THIS_WEEK, base + i, "checkin.created");
            }
            stats.flush();
        }
        long latest = base + history;

        // when broadcast-service starts and a dashboard asks for the current stats from the first moment on
        int port = Ports.free();
        List<Answer> answers = new ArrayList<>();
        try (ServiceProcess broadcast = ServiceProcess.launch(
                "broadcast-service",
                BroadcastJar.JAR,
                env(kafka, port),
                ServiceProcess.jvmOptions("broadcast-service"),
                line -> {})) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int afterFirstOk = 0;
            while (afterFirstOk < 50 && System.nanoTime() < deadline) {
                Answer answer = current(port);
                if (answer != null) {
                    answers.add(answer);
                    if (answer.status() == 200 || afterFirstOk > 0) {
                        afterFirstOk++;
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // pacing, ~200 requests/s at most
            }
        }

        // then it said "not ready" (503, Retry-After) until it had caught up, and afterwards only the latest
        assertThat(answers).as("answers").anySatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers).allSatisfy(a -> {
            if (a.status() == 200) {
                assertThat(checkins(a.body())).as("a 200 answer").isEqualTo(latest);
            } else {
                assertThat(a.status()).isEqualTo(503);
                assertThat(a.body()).contains("\"error\":\"not_ready\"");
                assertThat(a.retryAfter()).isNotNull();
            }
        });
    }

    @Test
    void startUpReadsWhatCompactionLeftNotTheWholeHistory(TestKafka kafka) throws Exception {
        // given the stats topic with the contract's settings, except that segments roll every 100 ms
        // (not every 10 minutes), and a long history of states of every range
        setTopicConfig(kafka, Map.of("segment.ms", "100"));
        try (StatsWriter stats = new StatsWriter(kafka.bootstrapServers())) {
            long base = 8_000_000_000L;
            for (int i = 1; i <= 20_000; i++) {
                stats.write(StatsRange.values()[i % StatsRange.values().length], base + i, "checkin.created");
            }
            stats.flush();
            // Kafka never compacts the open segment: keep writing so segments roll and the cleaner runs.
            TopicView topic = kafka.topic(Topics.STATS).committed();
            long[] last = {base + 20_000};
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        stats.write(StatsRange.THIS_WEEK, ++last[0], "checkin.created");
                        stats.flush();
                        return topic.recordsSince(new TopicView.Mark(Map.of())).size() <= 100;
                    });

            // when broadcast-service starts
            int port = Ports.free();
            try (ServiceProcess broadcast =
                    ServiceProcess.start("broadcast-service", BroadcastJar.JAR, port, env(kafka, port))) {

                // then it read about one record per range, and answers the latest
                String metrics = get(port, "/metrics").body();
                Matcher read = Pattern.compile("broadcast_stats_startup_records(?:\\{[^}]*})? ([0-9.E]+)")
                        .matcher(metrics);
                assertThat(read.find()).as("startup records metric").isTrue();
                assertThat(Double.parseDouble(read.group(1))).isBetween(1.0, 100.0);
                assertThat(checkins(current(port).body())).isEqualTo(last[0]);
            }
        } finally {
            setTopicConfig(kafka, Map.of("segment.ms", Topics.STATS_CONFIG.get("segment.ms")));
        }
    }

    static Map<String, String> env(TestKafka kafka, int port) {
        return BroadcastJar.env(kafka, port, CHANNELS_PORT, "stats-feed-startup-it");
    }

    static void setTopicConfig(TestKafka kafka, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.STATS);
            admin.incrementalAlterConfigs(Map.of(
                            topic,
                            configs.entrySet().stream()
                                    .map(e -> new AlterConfigOp(
                                            new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                                    .toList()))
                    .all()
                    .get();
        }
    }

    /** The current this_week stats, or null while the service is not listening yet. */
    Answer current(int port) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/dashboard/current?range=this_week"))
                            .header("Authorization", "Bearer " + Tokens.counselor())
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException notListening) {
            return null;
        }
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static long checkins(String body) {
        Matcher matcher = CHECKINS.matcher(body);
        assertThat(matcher.find()).as("this_week_checkins in " + body).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
