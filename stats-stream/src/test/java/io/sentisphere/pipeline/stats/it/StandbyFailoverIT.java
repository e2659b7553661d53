package io.sentisphere.pipeline.stats.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.TestKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two stats-stream instances: one computes (the active task), the other keeps a warm standby copy
 * of the state. The active one is killed with SIGKILL while check-ins flow; the standby takes the
 * task over and the next correct stats record is committed within 10 s, counts exact.
 */
@KafkaIntegrationTest
class StandbyFailoverIT {

    private static final int BEFORE = 200;
    private static final int AFTER = 200;

    @Test
    void killingTheActiveInstanceMovesTheTaskToTheWarmStandby(TestKafka kafka) throws Exception {
        kafka.resetContractTopics();
        String app = "stats-standby-it-" + UUID.randomUUID();
        TopicView stats = kafka.topic(Topics.STATS).committed();
        TopicView.Mark start = stats.mark();
        try (EventFeed feed = new EventFeed(kafka.bootstrapServers());
                StatsProcess.Running first = StatsProcess.run(
                        kafka.bootstrapServers(),
                        app,
                        Files.createTempDirectory("stats-a"),
                        Map.of("STATS_INSTANCE_ID", "stats-a"))) {
            // given an active instance counting, and a second one holding the standby
            await().atMost(Duration.ofSeconds(60)).until(() -> tasks(first, "activeTasks") == 1);
            try (StatsProcess.Running second = StatsProcess.run(
                    kafka.bootstrapServers(),
                    app,
                    Files.createTempDirectory("stats-b"),
                    Map.of("STATS_INSTANCE_ID", "stats-b"))) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> tasks(first, "activeTasks") + tasks(second, "activeTasks") == 1
                                && tasks(first, "standbyTasks") + tasks(second, "standbyTasks") == 1);
                StatsProcess.Running active = tasks(first, "activeTasks") == 1 ? first : second;
                StatsProcess.Running standby = active == first ? second : first;
                assertThat(tasks(standby, "standbyTasks")).isEqualTo(1);
                send(feed, 0, BEFORE);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> last7Days(stats, start).equals(OptionalLong.of(BEFORE)));
                TopicView.Mark beforeKill = stats.mark();

                // when the active one dies while check-ins keep coming
                active.process().kill();
                long killedAt = System.nanoTime();
                send(feed, BEFORE, BEFORE + AFTER);

                // then the standby becomes active and commits correct stats within 10 s
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> last7Days(stats, beforeKill).orElse(0) > BEFORE);
                long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
                System.out.println("stats-stream failover: first new committed stats " + failoverMillis
                        + " ms after SIGKILL of the active instance");
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> last7Days(stats, beforeKill).equals(OptionalLong.of(BEFORE + AFTER)));
                assertThat(tasks(standby, "activeTasks")).isEqualTo(1);
                ExactlyOnceIT.assertEveryRecordMatchesTheSchema(stats, start);
            }
        }
    }

    @Test
    void aCleanStopHandsTheTaskToTheStandbyAtOnce(TestKafka kafka) throws Exception {
        // A session of a minute: only leaving the group can move the task sooner.
        Map<String, String> longSession = Map.of("STATS_SESSION_TIMEOUT_MS", "60000");
        String app = "stats-handover-it-" + UUID.randomUUID();
        try (StatsProcess.Running first = StatsProcess.run(
                kafka.bootstrapServers(), app, Files.createTempDirectory("stats-c"), with(longSession, "stats-c"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> tasks(first, "activeTasks") == 1);
            try (StatsProcess.Running second = StatsProcess.run(
                    kafka.bootstrapServers(),
                    app,
                    Files.createTempDirectory("stats-d"),
                    with(longSession, "stats-d"))) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> tasks(second, "standbyTasks") + tasks(first, "standbyTasks") == 1);
                StatsProcess.Running active = tasks(first, "activeTasks") == 1 ? first : second;
                StatsProcess.Running standby = active == first ? second : first;

                // when the active one stops cleanly (SIGTERM), as in a rolling restart
                active.close();

                // then the standby is active long before the one-minute session could expire
                await().atMost(Duration.ofSeconds(30)).until(() -> tasks(standby, "activeTasks") == 1);
            }
        }
    }

    private static Map<String, String> with(Map<String, String> env, String instance) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("STATS_INSTANCE_ID", instance);
        return all;
    }

    private static void send(EventFeed feed, int from, int to) {
        for (int i = from; i < to; i++) {
            feed.send(
                    "standby-checkin-" + i,
                    new CheckinCreated(
                            i, (long) (i % 50), MoodLevel.OKAY, EnergyLevel.MODERATE, StressLevel.LOW_STRESS, null));
        }
    }

    /** The newest committed {@code last_7_days} check-in count written after {@code mark}. */
    private static OptionalLong last7Days(TopicView stats, TopicView.Mark mark) {
        return stats.recordsSince(mark).stream()
                .filter(r -> "last_7_days".equals(r.key()))
                .reduce((a, b) -> b)
                .map(r -> OptionalLong.of(ContractJson.mapper()
                        .readValue(r.value(), StatsUpdate.class)
                        .stats()
                        .rangeCheckins()))
                .orElse(OptionalLong.empty());
    }

    /** {@code activeTasks} or {@code standbyTasks} of the instance's {@code streams} health component. */
    private static int tasks(StatsProcess.Running instance, String kind) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port() + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode details = ContractJson.mapper()
                .readTree(response.body())
                .path("components")
                .path("streams")
                .path("details");
        return details.path(kind).asInt(-1);
    }
}
