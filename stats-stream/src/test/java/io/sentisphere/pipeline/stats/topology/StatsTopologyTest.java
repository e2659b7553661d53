package io.sentisphere.pipeline.stats.topology;

import static io.sentisphere.pipeline.contracts.stats.StatsRange.LAST_30_DAYS;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.LAST_7_DAYS;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.LAST_MONTH;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.LAST_WEEK;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.THIS_MONTH;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.THIS_SEMESTER;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.THIS_WEEK;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.TODAY;
import static io.sentisphere.pipeline.contracts.stats.StatsRange.YESTERDAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertCreated;
import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import io.sentisphere.pipeline.contracts.events.AlertUpdated;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.JournalCreated;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.contracts.events.Sentiment;
import io.sentisphere.pipeline.contracts.events.SentimentAnalyzed;
import io.sentisphere.pipeline.contracts.events.SentimentSubject;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatsTopologyTest {

    private static final ZoneId MANILA = ZoneId.of("Asia/Manila");
    /** Thursday 2026-11-26, 10:00 in Manila. */
    private static final Instant THURSDAY_10AM =
            OffsetDateTime.parse("2026-11-26T10:00:00+08:00").toInstant();

    private static StatsDriver driver(ZoneId zone, Instant now) {
        StatsDriver driver = new StatsDriver(zone, now);
        driver.flush(); // the start-up emission of every range
        return driver;
    }

    private static CheckinCreated checkin(Long userId) {
        return new CheckinCreated(1, userId, MoodLevel.OKAY, EnergyLevel.HIGH, StressLevel.LOW_STRESS, null);
    }

    private static Map<StatsRange, Long> checkins(StatsDriver driver) {
        return driver.latest().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().rangeCheckins()));
    }

    @Test
    void countsEachCheckinInEveryRangeHoldingItsLocalDayWithMondayWeeks() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            for (String at : List.of(
                    "2026-11-26T09:00:00+08:00",
                    "2026-11-25T12:00:00+08:00",
                    "2026-11-23T00:00:00+08:00",
                    "2026-11-22T23:59:59+08:00",
                    "2026-11-01T08:00:00+08:00",
                    "2026-10-31T08:00:00+08:00",
                    "2026-07-01T00:00:00+08:00",
                    "2026-06-30T23:59:00+08:00")) {
                driver.send(at, checkin(null));
            }

            assertThat(checkins(driver))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            TODAY,
                            1L,
                            YESTERDAY,
                            1L,
                            THIS_WEEK,
                            3L,
                            LAST_WEEK,
                            1L,
                            THIS_MONTH,
                            5L,
                            LAST_MONTH,
                            1L,
                            LAST_7_DAYS,
                            4L,
                            LAST_30_DAYS,
                            6L,
                            THIS_SEMESTER,
                            7L));
        }
    }

    @Test
    void anEventAfterAQuietIntervalIsEmittedAtOnceAndABurstAtMostOncePerInterval() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.tick(StatsDriver.EMIT); // a quiet interval

            // an isolated check-in is emitted without waiting for a punctuation
            driver.send("2026-11-26T09:00:00+08:00", checkin(null));
            List<StatsUpdate> atOnce = driver.output();
            assertThat(atOnce)
                    .filteredOn(u -> u.range() == TODAY)
                    .singleElement()
                    .satisfies(u -> assertThat(u.stats().rangeCheckins()).isEqualTo(1));

            // the next ones, within the interval, wait for it to pass and are emitted together
            driver.send("2026-11-26T09:01:00+08:00", checkin(null));
            driver.send("2026-11-26T09:02:00+08:00", checkin(null));
            assertThat(driver.output()).isEmpty();
            List<StatsUpdate> later = driver.tick(StatsDriver.EMIT);
            assertThat(later)
                    .filteredOn(u -> u.range() == TODAY)
                    .singleElement()
                    .satisfies(u -> assertThat(u.stats().rangeCheckins()).isEqualTo(3));
        }
    }

    @Test
    void eventsAroundManilaMidnightLandOnTheirLocalDayNotTheUtcDate() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.send("2026-11-25T23:59:00+08:00", checkin(null)); // 15:59 UTC on the 25th
            driver.send("2026-11-25T16:01:00Z", checkin(null)); // 00:01 in Manila on the 26th

            assertThat(checkins(driver)).containsEntry(TODAY, 1L).containsEntry(YESTERDAY, 1L);
        }
    }

    @Test
    void monthAndSemesterBoundaries() {
        Instant julyFirst = OffsetDateTime.parse("2026-07-01T01:00:00+08:00").toInstant();
        try (StatsDriver driver = driver(MANILA, julyFirst)) {
            driver.send("2026-06-30T23:30:00+08:00", checkin(null));
            driver.send("2026-07-01T00:30:00+08:00", checkin(null));

            assertThat(checkins(driver))
                    .containsEntry(TODAY, 1L)
                    .containsEntry(YESTERDAY, 1L)
                    .containsEntry(THIS_MONTH, 1L)
                    .containsEntry(LAST_MONTH, 1L)
                    .containsEntry(THIS_SEMESTER, 1L)
                    .containsEntry(THIS_WEEK, 2L)
                    .containsEntry(LAST_7_DAYS, 2L);
        }
    }

    @Test
    void leapDayBelongsToFebruary() {
        Instant marchFirst = OffsetDateTime.parse("2028-03-01T10:00:00+08:00").toInstant();
        try (StatsDriver driver = driver(MANILA, marchFirst)) {
            driver.send("2028-02-29T12:00:00+08:00", checkin(null));

            assertThat(checkins(driver))
                    .containsEntry(YESTERDAY, 1L)
                    .containsEntry(LAST_MONTH, 1L)
                    .containsEntry(THIS_MONTH, 0L)
                    .containsEntry(TODAY, 0L);
        }
    }

    @Test
    void daylightSavingZonesKeepWholeLocalDays() {
        ZoneId newYork = ZoneId.of("America/New_York");
        // Sunday 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
        Instant noon = OffsetDateTime.parse("2026-03-08T12:00:00-04:00").toInstant();
        try (StatsDriver driver = driver(newYork, noon)) {
            driver.send("2026-03-08T04:30:00Z", checkin(null)); // 23:30 EST on the 7th
            driver.send("2026-03-08T05:30:00Z", checkin(null)); // 00:30 EST on the 8th
            driver.send("2026-03-09T03:30:00Z", checkin(null)); // 23:30 EDT on the 8th

            assertThat(checkins(driver))
                    .containsEntry(TODAY, 2L)
                    .containsEntry(YESTERDAY, 1L)
                    .containsEntry(THIS_WEEK, 3L);
        }
    }

    @Test
    void anEventIdSeenBeforeChangesNothing() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.send("same-id", "2026-11-26T09:00:00+08:00", checkin(42L));
            driver.flush();
            driver.send("same-id", "2026-11-26T09:00:00+08:00", checkin(42L));
            driver.send("same-id", "2026-11-26T09:00:00+08:00", checkin(43L));

            assertThat(driver.flush()).isEmpty();
            assertThat(driver.latest(TODAY).rangeCheckins()).isEqualTo(1);
            assertThat(driver.latest(TODAY).studentsMonitored()).isEqualTo(1);
            assertThat(driver.metric("duplicate-events-total")).isEqualTo(2);
            assertThat(driver.metric("dedupe-store-lookups-total"))
                    .as("the new id answered by the filters, each duplicate by the store")
                    .isEqualTo(2);
        }
    }

    @Test
    void lateEventsInsideRetentionLandInTheirDayAndOlderOnesOnlyInAllTimeFigures() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.send("2026-08-18T10:00:00+08:00", checkin(1L)); // 100 days late, still this semester
            driver.send("2026-03-01T10:00:00+08:00", checkin(2L)); // 270 days late: beyond retention

            DashboardStats semester = driver.latest(THIS_SEMESTER);
            assertThat(semester.rangeCheckins()).isEqualTo(1);
            assertThat(semester.studentsMonitored()).isEqualTo(2);
        }
    }

    @Test
    void anAlertCountsWhileHighAndOpenAndLeavesWhenResolved() {
        OffsetDateTime created = OffsetDateTime.parse("2026-11-26T08:00:00+08:00");
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.send(
                    "2026-11-26T08:00:00+08:00",
                    new AlertCreated(
                            7, 42L, "Student A", AlertSeverity.HIGH, AlertStatus.OPEN, "low mood streak", created));
            driver.send(
                    "2026-11-26T08:10:00+08:00",
                    new SentimentAnalyzed(SentimentSubject.CHECKIN, 1, 42L, Sentiment.STRONGLY_NEGATIVE, 0.9));
            driver.send(
                    "2026-11-26T08:11:00+08:00",
                    new SentimentAnalyzed(SentimentSubject.JOURNAL, 2, 42L, Sentiment.POSITIVE, 0.9));

            DashboardStats open = driver.latest(THIS_WEEK);
            assertThat(open.highRiskFlags()).isEqualTo(2);
            assertThat(open.recentAlerts()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo("open");
                assertThat(a.name()).isEqualTo("Student A");
            });
            assertThat(open.sentiments()).isEqualTo(new DashboardStats.Sentiments(1, 0, 1));

            driver.send(
                    "2026-11-26T09:00:00+08:00",
                    new AlertUpdated(
                            7, 42L, "Student A", AlertSeverity.HIGH, AlertStatus.RESOLVED, "low mood streak", created));
            driver.send(
                    "2026-11-26T08:30:00+08:00",
                    new AlertUpdated(
                            7,
                            42L,
                            "Student A",
                            AlertSeverity.HIGH,
                            AlertStatus.IN_PROGRESS,
                            "arrived late, older than the resolution",
                            created));

            DashboardStats resolved = driver.latest(THIS_WEEK);
            assertThat(resolved.highRiskFlags()).isEqualTo(1);
            assertThat(resolved.recentAlerts())
                    .singleElement()
                    .extracting(DashboardStats.RecentAlert::status)
                    .isEqualTo("resolved");
        }
    }

    @Test
    void recentAlertsAreTheFiveNewestWhateverTheRange() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            for (int i = 1; i <= 7; i++) {
                OffsetDateTime created = OffsetDateTime.parse("2026-11-0" + i + "T08:00:00+08:00");
                driver.send(
                        created.toString(),
                        new AlertCreated(i, null, "S" + i, AlertSeverity.LOW, AlertStatus.OPEN, "r", created));
            }

            assertThat(driver.latest(TODAY).recentAlerts())
                    .extracting(DashboardStats.RecentAlert::id)
                    .containsExactly(7L, 6L, 5L, 4L, 3L);
        }
    }

    @Test
    void countsDistinctStudentsAcrossDaysOfARange() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.send("2026-11-23T10:00:00+08:00", new ActivityLogged(1, "downloaded_form", "form"));
            driver.send("2026-11-24T10:00:00+08:00", new ActivityLogged(1, "downloaded_form", "form"));
            driver.send("2026-11-24T11:00:00+08:00", new ActivityLogged(2, "downloaded_form", "form"));
            driver.send("2026-11-24T12:00:00+08:00", new ActivityLogged(3, "viewed", "form"));
            driver.send("2026-11-24T12:00:00+08:00", new ActivityLogged(4, "downloaded_form", "resource"));
            driver.send("2026-11-23T10:00:00+08:00", checkin(1L));
            driver.send("2026-11-24T10:00:00+08:00", checkin(1L));
            driver.send("2026-11-25T10:00:00+08:00", checkin(2L));
            driver.send("2026-11-25T11:00:00+08:00", checkin(null));
            driver.send("2026-11-25T11:00:00+08:00", new JournalCreated(5, 9));

            DashboardStats week = driver.latest(THIS_WEEK);
            assertThat(week.studentsWithFormDownloads()).isEqualTo(2);
            assertThat(week.studentsMonitored()).isEqualTo(2);
            assertThat(week.rangeCheckins()).isEqualTo(4);
            assertThat(driver.latest(YESTERDAY).studentsWithFormDownloads()).isZero();
        }
    }

    @Test
    void wellnessIndexAndBreakdownMatchAHandComputation() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            String at = "2026-11-26T09:00:00+08:00";
            driver.send(
                    at,
                    new CheckinCreated(1, 1L, MoodLevel.LOVED, EnergyLevel.MODERATE, StressLevel.HIGH_STRESS, null));
            driver.send(at, new CheckinCreated(2, 2L, MoodLevel.MEH, EnergyLevel.LOW, StressLevel.MODERATE, null));
            driver.send(
                    at, new CheckinCreated(3, 3L, MoodLevel.AWESOME, EnergyLevel.HIGH, StressLevel.NO_STRESS, null));

            DashboardStats today = driver.latest(TODAY);
            // (57.3 + 35 + 100) / 3 = 64.1
            assertThat(today.wellnessIndex()).isEqualTo(64.1);
            assertThat(today.breakdown().mood())
                    .containsEntry("Loved", 1L)
                    .containsEntry("Meh", 1L)
                    .containsEntry("Awesome", 1L)
                    .containsEntry("Terrible", 0L)
                    .hasSize(9);
            assertThat(today.breakdown().energy())
                    .containsExactly(Map.entry("Low", 1L), Map.entry("Moderate", 1L), Map.entry("High", 1L));
            assertThat(driver.latest(YESTERDAY).wellnessIndex()).isNull();
        }
    }

    @Test
    void emitsOnlyTheRangesWhoseValueChangedWithTheEventTypeAsReason() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.send("2026-10-31T08:00:00+08:00", checkin(null));

            List<StatsUpdate> emitted = driver.flush();
            assertThat(emitted)
                    .extracting(StatsUpdate::range)
                    .containsExactlyInAnyOrder(LAST_MONTH, LAST_30_DAYS, THIS_SEMESTER);
            assertThat(emitted).extracting(StatsUpdate::reason).containsOnly("checkin.created");
        }
    }

    @Test
    void aRefreshRequestReemitsItsRangeWithItsReasonEvenWhenNothingChanged() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.send("2026-11-26T09:00:00+08:00", new RefreshRequested("mobile_checkin", LAST_7_DAYS));

            List<StatsUpdate> emitted = driver.flush();
            assertThat(emitted).singleElement().satisfies(u -> {
                assertThat(u.range()).isEqualTo(LAST_7_DAYS);
                assertThat(u.reason()).isEqualTo("mobile_checkin");
                assertThat(u.stats().range()).isEqualTo(LAST_7_DAYS);
            });
        }
    }

    @Test
    void rangesMoveAtLocalMidnightWithoutAnyEvent() {
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            driver.send("2026-11-26T09:00:00+08:00", checkin(null));
            driver.flush();
            driver.tick(Duration.between(
                    THURSDAY_10AM,
                    OffsetDateTime.parse("2026-11-26T23:59:59+08:00").toInstant()));
            assertThat(driver.flush()).isEmpty();

            List<StatsUpdate> afterMidnight = driver.tick(Duration.ofSeconds(2));

            assertThat(afterMidnight).extracting(StatsUpdate::range).containsExactlyInAnyOrder(TODAY, YESTERDAY);
            assertThat(afterMidnight).extracting(StatsUpdate::reason).containsOnly("rollover");
            assertThat(checkins(driver)).containsEntry(TODAY, 0L).containsEntry(YESTERDAY, 1L);
        }
    }

    @Test
    void aMultiPartitionEventsTopicGoesThroughOnePartitionAndGivesTheSameOutput() {
        assertThat(StatsTopology.build(MANILA, Clock.systemUTC(), StatsDriver.EMIT, 1)
                        .describe()
                        .toString())
                .doesNotContain(StatsTopology.REPARTITION);
        assertThat(StatsTopology.build(MANILA, Clock.systemUTC(), StatsDriver.EMIT, 3)
                        .describe()
                        .toString())
                .contains(StatsTopology.REPARTITION);
        List<StatsUpdate> direct;
        List<StatsUpdate> repartitioned;
        try (StatsDriver driver = new StatsDriver(MANILA, THURSDAY_10AM, 1)) {
            MIXED.accept(driver);
            direct = driver.allEmitted();
        }
        try (StatsDriver driver = new StatsDriver(MANILA, THURSDAY_10AM, 3)) {
            MIXED.accept(driver);
            repartitioned = driver.allEmitted();
        }
        assertThat(direct).isNotEmpty().isEqualTo(repartitioned);
    }

    /** Check-in, appointment, alert, sentiment, a day later: touches every kind of state. */
    private static final Consumer<StatsDriver> MIXED = driver -> {
        driver.send("2026-11-26T09:00:00+08:00", checkin(1L));
        driver.send("2026-11-20T09:00:00+08:00", new ActivityLogged(1, "downloaded_form", "form"));
        driver.send(
                "2026-11-26T08:00:00+08:00",
                new AlertCreated(
                        1,
                        1L,
                        "S",
                        AlertSeverity.HIGH,
                        AlertStatus.OPEN,
                        "r",
                        OffsetDateTime.parse("2026-11-26T08:00:00+08:00")));
        driver.flush();
        driver.send(
                "2026-11-26T09:30:00+08:00",
                new SentimentAnalyzed(SentimentSubject.CHECKIN, 1, 1L, Sentiment.NEGATIVE, 0.7));
        driver.tick(Duration.ofDays(1));
    };

    @Test
    void sameInputTwiceGivesIdenticalOutput() {
        List<StatsUpdate> first;
        List<StatsUpdate> second;
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            MIXED.accept(driver);
            first = driver.allEmitted();
        }
        try (StatsDriver driver = driver(MANILA, THURSDAY_10AM)) {
            MIXED.accept(driver);
            second = driver.allEmitted();
        }
        assertThat(first).isNotEmpty().isEqualTo(second);
    }
}
