package io.sentisphere.pipeline.system;

import static io.sentisphere.pipeline.jsclients.JsClient.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.jsclients.JsClient;
import io.sentisphere.pipeline.local.CheckinSender;
import io.sentisphere.pipeline.local.Gaps;
import io.sentisphere.pipeline.local.LocalToken;
import io.sentisphere.pipeline.local.ReplicatedPipeline;
import io.sentisphere.pipeline.testkit.ReplicatedKafka;
import io.sentisphere.pipeline.testkit.TopicView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outgrowing one machine, proven: three brokers (replication factor 3, two in sync), two of each
 * Kafka service, one channels-server, a laravel-echo dashboard, and a steady stream of signed
 * check-ins from a client that retries with the same event id, after a warm-up burst (so the
 * failovers are timed on warm JVMs, not on ten compilers holding two cores). One after another,
 * while check-ins flow, it SIGKILLs the leader broker of {@code dashboard.events.v1}, the active stats-stream, the
 * publishing broadcast-service and one ingest instance. Then: no acknowledged event is lost, the
 * {@code this_week} count equals the distinct check-ins of the week in {@code dashboard.events.v1},
 * the dashboard's last {@code .DashboardUpdated} shows that count, and while check-ins flowed the
 * dashboard never went more than 10 s without an update.
 */
class HighAvailabilityIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ZoneId ZONE = ZoneId.of("Asia/Manila");
    static final Duration WAIT = Duration.ofSeconds(90);
    static final int RATE = 50;
    /** Check-ins acknowledged between two faults: about 15 s of flow. */
    static final int BETWEEN_FAULTS = RATE * 15;
    /** Check-ins sent before the first fault, faster than {@link #RATE}: see {@link CheckinSender#warmUp}. */
    static final int WARM_UP = 4_000;

    static final int WARM_UP_RATE = 250;

    @Test
    void noAcknowledgedCheckinIsLostAndTheDashboardStaysLiveWhileAnyOneProcessDies() throws Exception {
        try (ReplicatedKafka kafka = ReplicatedKafka.start(Files.createTempDirectory("ha-kafka"));
                ReplicatedPipeline pipeline =
                        new ReplicatedPipeline(Path.of("..").toAbsolutePath().normalize(), kafka.bootstrapServers());
                JsClient echo = JsClient.start()) {
            // given two of everything, and a dashboard authorized by the broadcast instance that does not publish
            await().atMost(WAIT).until(() -> pipeline.activeStats() != null && pipeline.publisher() != null);
            ReplicatedPipeline.Instance reader = pipeline.reader();
            echo.echo(
                    "app-key",
                    pipeline.channelsPort(),
                    reader.url("/broadcasting/auth"),
                    LocalToken.counselor(ReplicatedPipeline.JWT_SECRET));
            echo.listenToDashboard("cache-dashboard");
            echo.await(type("echo-subscribed", "cache-dashboard"), WAIT);

            // and a warm pipeline: the faults time the failovers, not ten young JVMs' compilers
            CheckinSender.warmUp(pipeline.ingest(), WARM_UP, WARM_UP_RATE, WAIT);
            try (CheckinSender sender = CheckinSender.start(pipeline.ingest(), RATE)) {
                long flowStart = System.currentTimeMillis();
                Map<String, Long> faults = new LinkedHashMap<>();
                // when, one after another, any one process of each kind dies
                flow(sender);
                int leader = kafka.leaderOf(Topics.EVENTS);
                faults.put("broker " + leader + " (leader of " + Topics.EVENTS + ")", System.currentTimeMillis());
                kafka.broker(leader).kill();
                flow(sender);
                ReplicatedPipeline.Instance stats = pipeline.activeStats();
                faults.put(stats.name() + " (the active stats-stream)", System.currentTimeMillis());
                stats.process().kill();
                flow(sender);
                ReplicatedPipeline.Instance publisher = pipeline.publisher();
                faults.put(publisher.name() + " (the publishing broadcast-service)", System.currentTimeMillis());
                publisher.process().kill();
                flow(sender);
                faults.put(pipeline.ingest().get(0).name(), System.currentTimeMillis());
                pipeline.ingest().get(0).process().kill();
                flow(sender);
                sender.stop();
                long flowEnd = System.currentTimeMillis();

                // then every acknowledged check-in is in the topic
                Set<String> acknowledged = sender.acknowledged();
                System.out.println("HA: " + acknowledged.size() + " check-ins acknowledged, " + sender.retries()
                        + " retries, " + sender.abandoned() + " abandoned");
                assertThat(acknowledged).hasSizeGreaterThan(RATE * 60);
                assertThat(sender.abandoned())
                        .as("check-ins no instance acknowledged within 2 min")
                        .isZero();
                Set<String> inTopic = checkinIdsThisWeek(kafka);
                assertThat(inTopic).containsAll(acknowledged);

                // the stats and the dashboard's last update equal the ground truth from the topic
                long truth = inTopic.size();
                JsonNode last = echo.await(
                        type("echo-event", "cache-dashboard")
                                .and(l -> l.path("data")
                                                .path("stats")
                                                .path("this_week_checkins")
                                                .asLong()
                                        == truth),
                        WAIT);
                assertThat(last).isNotNull();
                await().atMost(WAIT).until(() -> lastThisWeek(kafka) == truth);

                // and while check-ins flowed, the dashboard never waited more than 10 s for an update
                List<Long> updates = echo.lines(type("echo-event", "cache-dashboard")).stream()
                        .map(l -> l.path("at").asLong())
                        .toList();
                List<Long> faultTimes = List.copyOf(faults.values());
                StringBuilder report = new StringBuilder();
                int index = 0;
                for (Map.Entry<String, Long> fault : faults.entrySet()) {
                    long at = fault.getValue();
                    long until = ++index < faultTimes.size() ? faultTimes.get(index) : flowEnd;
                    report.append("HA: SIGKILL ")
                            .append(fault.getKey())
                            .append(" at ")
                            .append(Instant.ofEpochMilli(at))
                            .append(": next dashboard update ")
                            .append(Gaps.firstAfter(updates, at))
                            .append(" ms after; longest gap until the next fault ")
                            .append(Gaps.longest(updates, at, until))
                            .append(" ms; longest gap between acknowledged check-ins ")
                            .append(Gaps.longest(sender.acknowledgedAt(), at, until))
                            .append(" ms\n");
                }
                long longestGap = Gaps.longest(updates, flowStart, flowEnd);
                report.append("HA: ")
                        .append(updates.size())
                        .append(" dashboard updates; longest gap while check-ins flowed ")
                        .append(longestGap)
                        .append(" ms");
                System.out.println(report);
                assertThat(longestGap)
                        .as("the longest dashboard gap while check-ins flowed, per fault:%n%s", report)
                        .isLessThanOrEqualTo(10_000);
            }
        }
    }

    /** Waits until {@link #BETWEEN_FAULTS} more check-ins were acknowledged: the pipeline works again. */
    private static void flow(CheckinSender sender) {
        int target = sender.acknowledgedCount() + BETWEEN_FAULTS;
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> sender.acknowledgedCount() >= target);
    }

    /** Distinct ids of the check-ins in {@code dashboard.events.v1} whose local day is in this week. */
    private static Set<String> checkinIdsThisWeek(ReplicatedKafka kafka) {
        LocalDate monday = LocalDate.now(ZONE).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        Set<String> ids = new HashSet<>();
        for (var record : kafka.topic(Topics.EVENTS).recordsSince(new TopicView.Mark(Map.of()))) {
            JsonNode event = JSON.readTree(record.value());
            LocalDate day = OffsetDateTime.parse(event.path("occurred_at").asString())
                    .atZoneSameInstant(ZONE)
                    .toLocalDate();
            if ("checkin.created".equals(event.path("type").asString()) && !day.isBefore(monday)) {
                ids.add(event.path("id").asString());
            }
        }
        return ids;
    }

    /** The newest committed {@code this_week} count in {@code dashboard.stats.v1}. */
    private static long lastThisWeek(ReplicatedKafka kafka) {
        return kafka.topic(Topics.STATS).committed().recordsSince(new TopicView.Mark(Map.of())).stream()
                .filter(r -> "this_week".equals(r.key()))
                .reduce((a, b) -> b)
                .map(r -> JSON.readTree(r.value())
                        .path("stats")
                        .path("this_week_checkins")
                        .asLong())
                .orElse(-1L);
    }
}
