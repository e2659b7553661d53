package io.sentisphere.pipeline.stats.domain;

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
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.EventData;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.JournalCreated;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure state machine: which ranges one event changes, without Kafka. */
class DashboardStateTest {

    /** Thursday 2026-11-26 in Manila. */
    static final LocalDate TODAY_IN_MANILA = LocalDate.parse("2026-11-26");

    static final class StudentSet implements Students {
        final Set<Long> ids = new HashSet<>();

        @Override
        public boolean add(long userId) {
            return ids.add(userId);
        }

        @Override
        public long count() {
            return ids.size();
        }
    }

    final DashboardState state = new DashboardState(
            ZoneId.of("Asia/Manila"),
            new DayBook(),
            new StudentSet(),
            new AppointmentIndex(),
            new AlertBook(ZoneId.of("Asia/Manila"), id -> null));

    static EventEnvelope at(String occurredAt, EventData data) {
        return new EventEnvelope("e-" + occurredAt, OffsetDateTime.parse(occurredAt), data);
    }

    static CheckinCreated checkin(Long userId) {
        return new CheckinCreated(1, userId, MoodLevel.OKAY, EnergyLevel.HIGH, StressLevel.LOW_STRESS, null);
    }

    @Test
    void aNewStudentsCheckinChangesEveryRangeAndTheirNextOnlyThoseHoldingItsDay() {
        DashboardState.Effect first = state.apply(at("2026-11-26T09:00:00+08:00", checkin(7L)), TODAY_IN_MANILA);
        DashboardState.Effect second = state.apply(at("2026-11-26T10:00:00+08:00", checkin(7L)), TODAY_IN_MANILA);

        assertThat(first.ranges()).isEqualTo(EnumSet.allOf(StatsRange.class));
        assertThat(first.reason()).isEqualTo("checkin.created");
        assertThat(second.ranges())
                .containsExactlyInAnyOrder(TODAY, THIS_WEEK, THIS_MONTH, LAST_7_DAYS, LAST_30_DAYS, THIS_SEMESTER);
        assertThat(second.refresh()).isFalse();
        assertThat(second.beyondRetention()).isFalse();
    }

    @Test
    void theDayIsTheEventsLocalDayInTheZone() {
        // 23:30 UTC on the 25th is 07:30 on the 26th in Manila
        assertThat(state.apply(at("2026-11-25T23:30:00Z", checkin(null)), TODAY_IN_MANILA)
                        .ranges())
                .contains(TODAY)
                .doesNotContain(YESTERDAY);
    }

    @Test
    void anEventOlderThanRetentionChangesOnlyAllTimeFigures() {
        DashboardState.Effect knownStudent =
                state.apply(at("2026-01-05T10:00:00+08:00", checkin(null)), TODAY_IN_MANILA);
        DashboardState.Effect newStudent = state.apply(at("2026-01-05T11:00:00+08:00", checkin(8L)), TODAY_IN_MANILA);

        assertThat(knownStudent.beyondRetention()).isTrue();
        assertThat(knownStudent.ranges()).isEmpty();
        assertThat(newStudent.beyondRetention()).isTrue();
        assertThat(newStudent.ranges()).isEqualTo(EnumSet.allOf(StatsRange.class));
        assertThat(state.compute(Set.of(THIS_SEMESTER), OffsetDateTime.parse("2026-11-26T12:00:00+08:00"))
                        .get(THIS_SEMESTER))
                .satisfies(stats -> {
                    assertThat(stats.rangeCheckins()).isZero();
                    assertThat(stats.studentsMonitored()).isEqualTo(1);
                });
    }

    @Test
    void anAlertChangesEveryRangeOnlyWhenItsStateMoves() {
        AlertCreated created = new AlertCreated(
                1,
                7L,
                "n",
                AlertSeverity.HIGH,
                AlertStatus.OPEN,
                "r",
                OffsetDateTime.parse("2026-11-26T09:00:00+08:00"));

        DashboardState.Effect applied = state.apply(at("2026-11-26T09:00:00+08:00", created), TODAY_IN_MANILA);
        DashboardState.Effect older = state.apply(at("2026-11-26T08:00:00+08:00", created), TODAY_IN_MANILA);

        assertThat(applied.ranges()).isEqualTo(EnumSet.allOf(StatsRange.class));
        assertThat(older.ranges()).as("an older state of the same alert").isEmpty();
    }

    @Test
    void aRefreshAsksForItsRangeEvenWithoutAChange() {
        DashboardState.Effect refresh = state.apply(
                at("2026-11-26T09:00:00+08:00", new RefreshRequested("manual", LAST_MONTH)), TODAY_IN_MANILA);

        assertThat(refresh.ranges()).containsExactly(LAST_MONTH);
        assertThat(refresh.reason()).isEqualTo("manual");
        assertThat(refresh.refresh()).isTrue();
    }

    @Test
    void formDownloadsCountDistinctStudentsPerRange() {
        ActivityLogged download = new ActivityLogged(7, "downloaded_form", "form");
        state.apply(at("2026-11-24T09:00:00+08:00", download), TODAY_IN_MANILA);
        state.apply(at("2026-11-25T09:00:00+08:00", download), TODAY_IN_MANILA);
        state.apply(at("2026-11-17T09:00:00+08:00", new ActivityLogged(8, "downloaded_form", "form")), TODAY_IN_MANILA);
        state.apply(at("2026-11-25T10:00:00+08:00", new ActivityLogged(9, "viewed", "form")), TODAY_IN_MANILA);

        var stats = state.compute(
                EnumSet.of(THIS_WEEK, LAST_WEEK, THIS_MONTH), OffsetDateTime.parse("2026-11-26T12:00:00+08:00"));

        assertThat(stats.get(THIS_WEEK).studentsWithFormDownloads()).isEqualTo(1);
        assertThat(stats.get(LAST_WEEK).studentsWithFormDownloads()).isEqualTo(1);
        assertThat(stats.get(THIS_MONTH).studentsWithFormDownloads()).isEqualTo(2);
    }

    @Test
    void forgettingPastRetentionDropsOldDaysFromEveryRange() {
        state.apply(at("2026-11-20T09:00:00+08:00", checkin(null)), TODAY_IN_MANILA);
        state.apply(at("2026-11-20T09:00:00+08:00", new JournalCreated(1, 7)), TODAY_IN_MANILA);

        state.forgetBefore(LocalDate.parse("2026-11-21"));

        assertThat(state.compute(Set.of(LAST_30_DAYS), OffsetDateTime.parse("2026-11-26T12:00:00+08:00"))
                        .get(LAST_30_DAYS)
                        .rangeCheckins())
                .isZero();
    }
}
