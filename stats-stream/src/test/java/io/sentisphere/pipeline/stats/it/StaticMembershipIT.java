package io.sentisphere.pipeline.stats.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.testkit.KafkaIntegrationTest;
import io.sentisphere.pipeline.testkit.TestKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

/**
 * stats-stream killed (SIGKILL) mid-stream and started again at once under the same instance name
 * and state directory, as an operator's restart (or a Kubernetes pod's) would: it rejoins the
 * group as the same static member and its counts stay exact. How long the resume takes is
 * measured by {@code bench/stats-restart}, not asserted here.
 */
@KafkaIntegrationTest
class StaticMembershipIT {

    private static final int CHECKINS = 400;

    @Test
    void aRestartUnderTheSameNameRejoinsAsThatMemberAndCountsStayExact(TestKafka kafka) throws Exception {
        kafka.resetContractTopics();
        String app = "stats-static-it-" + UUID.randomUUID();
        Path stateDir = Files.createTempDirectory("stats-static");
        Map<String, String> instance = Map.of("STATS_INSTANCE_ID", "stats-it-0", "STATS_SESSION_TIMEOUT_MS", "30000");
        TopicView stats = kafka.topic(Topics.STATS).committed();
        TopicView.Mark before = stats.mark();
        try (EventFeed feed = new EventFeed(kafka.bootstrapServers())) {
            // given a running stats-stream with a stable instance name, counting
            StatsProcess.Running first = StatsProcess.run(kafka.bootstrapServers(), app, stateDir, instance);
            send(feed, 0, CHECKINS / 2);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> last7Days(stats, before)
                            .map(s -> s.rangeCheckins() > 0)
                            .orElse(false));
            assertThat(staticMembers(kafka, app)).containsExactly("stats-it-0-1");

            // when it is killed mid-stream and restarted at once under the same name and state directory
            send(feed, CHECKINS / 2, CHECKINS * 3 / 4);
            first.process().kill();
            send(feed, CHECKINS * 3 / 4, CHECKINS);
            send(feed, 0, 50); // duplicates
            try (StatsProcess.Running second = StatsProcess.run(kafka.bootstrapServers(), app, stateDir, instance)) {

                // then it holds the same static membership (long before the 30 s session could
                // expire) and the committed stats reach exactly the ground truth
                assertThat(staticMembers(kafka, app)).containsExactly("stats-it-0-1");
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> last7Days(stats, before)
                                .map(s -> s.rangeCheckins() == CHECKINS)
                                .orElse(false));
                assertThat(last7Days(stats, before).orElseThrow().breakdown().mood().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .isEqualTo(CHECKINS);
                ExactlyOnceIT.assertEveryRecordMatchesTheSchema(stats, before);
            }
        }
    }

    private static List<String> staticMembers(TestKafka kafka, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConsumerGroupDescription description =
                    admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return description.members().stream()
                    .map(MemberDescription::groupInstanceId)
                    .flatMap(Optional::stream)
                    .sorted()
                    .toList();
        }
    }

    private static void send(EventFeed feed, int from, int to) {
        for (int i = from; i < to; i++) {
            feed.send(
                    "static-checkin-" + i,
                    new CheckinCreated(
                            i % 40,
                            (long) (i % 40),
                            MoodLevel.values()[i % 9],
                            EnergyLevel.MODERATE,
                            StressLevel.LOW_STRESS,
                            null));
        }
    }

    private static Optional<DashboardStats> last7Days(TopicView stats, TopicView.Mark mark) {
        return stats.recordsSince(mark).stream()
                .filter(r -> "last_7_days".equals(r.key()))
                .reduce((a, b) -> b)
                .map(r -> ContractJson.mapper()
                        .readValue(r.value(), StatsUpdate.class)
                        .stats());
    }
}
