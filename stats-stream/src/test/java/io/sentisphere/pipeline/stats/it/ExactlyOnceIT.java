package io.sentisphere.pipeline.stats.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertCreated;
import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import io.sentisphere.pipeline.contracts.events.AlertUpdated;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.Sentiment;
import io.sentisphere.pipeline.contracts.events.SentimentAnalyzed;
import io.sentisphere.pipeline.contracts.events.SentimentSubject;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.schema.ContractSchemas;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.local.ServiceProcess;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.TestKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * stats-stream with exactly-once on a real broker: killed with SIGKILL mid-stream and restarted,
 * its final stats equal the ground truth of what was sent (duplicates included), and unreadable
 * records go to the dead-letter topic without stopping it.
 */
@KafkaIntegrationTest
class ExactlyOnceIT {

    private static final int CHECKINS = 600;
    private static final int STUDENTS = 50;

    @Test
    void finalStatsEqualTheGroundTruthAfterACrashMidStream(TestKafka kafka) throws Exception {
        kafka.resetContractTopics();
        String app = "stats-it-" + UUID.randomUUID();
        TopicView stats = kafka.topic(Topics.STATS).committed();
        TopicView.Mark before = stats.mark();
        try (EventFeed feed = new EventFeed(kafka.bootstrapServers())) {
            // given a running stats-stream and the first half of a known stream of events
            ServiceProcess first =
                    StatsProcess.start(kafka.bootstrapServers(), app, Files.createTempDirectory("stats-a"));
            sendCheckins(feed, 0, CHECKINS / 2);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> latestLast7Days(stats, before)
                            .map(s -> s.rangeCheckins() > 0)
                            .orElse(false));

            // when it is killed without any shutdown while events keep coming, and started again
            sendCheckins(feed, CHECKINS / 2, CHECKINS * 3 / 4);
            first.kill();
            sendCheckins(feed, CHECKINS * 3 / 4, CHECKINS);
            sendCheckins(feed, 0, 100); // duplicates of ids already sent
            sendOthers(feed);
            try (ServiceProcess second =
                    StatsProcess.start(kafka.bootstrapServers(), app, Files.createTempDirectory("stats-b"))) {

                // then the committed stats reach exactly the ground truth, and stay there
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> latestLast7Days(stats, before)
                                .map(s -> s.rangeCheckins() == CHECKINS && s.highRiskFlags() == 36)
                                .orElse(false));
                DashboardStats last = latestLast7Days(stats, before).orElseThrow();
                assertThat(last.rangeCheckins()).isEqualTo(CHECKINS);
                assertThat(last.studentsMonitored()).isEqualTo(STUDENTS);
                assertThat(last.studentsWithFormDownloads()).isEqualTo(20);
                assertThat(last.highRiskFlags()).isEqualTo(36); // 6 open high alerts + 30 negative sentiments
                assertThat(last.sentiments().negative()).isEqualTo(30);
                assertThat(last.breakdown().mood().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .isEqualTo(CHECKINS);
                assertEveryRecordMatchesTheSchema(stats, before);
            }
        }
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicAndTheStreamGoesOn(TestKafka kafka) throws Exception {
        kafka.resetContractTopics();
        String app = "stats-dlq-it-" + UUID.randomUUID();
        TopicView deadLetters = kafka.topic(Topics.EVENTS_DLQ);
        TopicView.Mark dlqBefore = deadLetters.mark();
        TopicView stats = kafka.topic(Topics.STATS).committed();
        TopicView.Mark before = stats.mark();
        try (EventFeed feed = new EventFeed(kafka.bootstrapServers());
                StatsProcess.Running running =
                        StatsProcess.run(kafka.bootstrapServers(), app, Files.createTempDirectory("stats-dlq"))) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> latestLast7Days(stats, before).isPresent());
            long countBefore = latestLast7Days(stats, before).orElseThrow().rangeCheckins();

            feed.sendRaw("k", "{not json");
            feed.sendRaw("k", "{\"id\": \"x\", \"type\": \"checkin.created\"}");
            String incomplete = "{\"id\":\"a\",\"type\":\"alert.created\",\"occurred_at\":\"2026-11-26T08:00:00Z\","
                    + "\"data\":{\"alert_id\":1,\"severity\":\"high\",\"status\":\"open\",\"created_at\":null}}";
            feed.sendRaw("k", incomplete);
            feed.send("after-poison-" + UUID.randomUUID(), checkin(1));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> deadLetters.recordsSince(dlqBefore).size() == 3);
            List<ConsumerRecord<String, String>> dead = deadLetters.recordsSince(dlqBefore);
            assertThat(dead.subList(0, 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("{not json", "{\"id\": \"x\", \"type\": \"checkin.created\"}");
            // the third was readable but incomplete: the processing exception handler dead-lettered it
            // as the processor received it (straight from the one-partition events topic) before it
            // touched any state
            assertThat(new String(dead.get(2).headers().lastHeader("dlq.reason").value(), StandardCharsets.UTF_8))
                    .contains("IllegalArgumentException", "created_at");
            assertThat(new String(dead.get(2).headers().lastHeader("dlq.topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.EVENTS);
            assertThat(dead.get(2).value()).contains("\"id\":\"a\"", "alert.created");
            assertThat(new String(dead.get(0).headers().lastHeader("dlq.reason").value(), StandardCharsets.UTF_8))
                    .contains("SerializationException");
            assertThat(new String(dead.get(0).headers().lastHeader("dlq.topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(Topics.EVENTS);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> latestLast7Days(stats, before)
                            .map(s -> s.rangeCheckins() == countBefore + 1)
                            .orElse(false));
            assertEveryRecordMatchesTheSchema(stats, before);

            // and health and metrics report the running stream
            assertThat(get(running.port(), "/health")).contains("\"state\":\"RUNNING\"");
            assertThat(get(running.port(), "/metrics"))
                    .contains(
                            "record_e2e_latency",
                            "kafka_stream_thread_",
                            // window and key-value stores both exported (their tags differ unless renamed)
                            "rocksdb_state_id=\"seen-event-ids\"",
                            "rocksdb_state_id=\"day-totals\"");
        }
    }

    /** Every stats record stats-stream wrote is what the contract's schema describes. */
    static void assertEveryRecordMatchesTheSchema(TopicView stats, TopicView.Mark since) {
        List<ConsumerRecord<String, String>> records = stats.recordsSince(since);
        assertThat(records).isNotEmpty();
        for (ConsumerRecord<String, String> record : records) {
            assertThat(ContractSchemas.problems(ContractSchemas.Contract.STATS_UPDATE, record.value()))
                    .as("stats record " + record.key() + "@" + record.offset())
                    .isEmpty();
        }
    }

    private static String get(int port, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static CheckinCreated checkin(long userId) {
        return new CheckinCreated(
                userId,
                userId,
                MoodLevel.values()[(int) (userId % 9)],
                EnergyLevel.MODERATE,
                StressLevel.LOW_STRESS,
                null);
    }

    private static void sendCheckins(EventFeed feed, int from, int to) {
        for (int i = from; i < to; i++) {
            feed.send("checkin-" + i, checkin(i % STUDENTS));
        }
    }

    private static void sendOthers(EventFeed feed) {
        for (int i = 0; i < 40; i++) {
            feed.send("activity-" + i, new ActivityLogged(i % 20, "downloaded_form", "form"));
        }
        for (int i = 0; i < 30; i++) {
            feed.send(
                    "sentiment-" + i,
                    new SentimentAnalyzed(
                            SentimentSubject.CHECKIN,
                            i,
                            (long) i,
                            i % 2 == 0 ? Sentiment.NEGATIVE : Sentiment.STRONGLY_NEGATIVE,
                            0.8));
        }
        OffsetDateTime created = OffsetDateTime.now().minusMinutes(5);
        for (int i = 0; i < 10; i++) {
            feed.send(
                    "alert-" + i,
                    new AlertCreated(i, (long) i, "Student " + i, AlertSeverity.HIGH, AlertStatus.OPEN, "r", created));
        }
        for (int i = 0; i < 4; i++) {
            feed.send(
                    "alert-resolved-" + i,
                    new AlertUpdated(
                            i, (long) i, "Student " + i, AlertSeverity.HIGH, AlertStatus.RESOLVED, "r", created));
        }
    }

    /** The newest committed {@code last_7_days} stats since {@code mark}. */
    private static Optional<DashboardStats> latestLast7Days(TopicView stats, TopicView.Mark mark) {
        return stats.recordsSince(mark).stream()
                .filter(r -> "last_7_days".equals(r.key()))
                .reduce((a, b) -> b)
                .map(r -> ContractJson.mapper()
                        .readValue(r.value(), StatsUpdate.class)
                        .stats());
    }
}
