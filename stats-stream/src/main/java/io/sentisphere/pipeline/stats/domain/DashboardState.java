package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertChange;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.contracts.events.SentimentAnalyzed;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's state and what one event does to it: the per-day totals of its local day (while
 * that day is kept), the all-time student set, the appointment-form downloads, or the alert's
 * current state. Pure: no Kafka, no clock; the caller says which day is today and persists through
 * the {@link Days}, {@link Students}, {@link Appointments} and {@link Alerts} it hands in.
 *
 * <p>Hazard: {@link #apply} counts every event it is given; duplicates must be dropped before (the
 * topology's dedupe step does), and the event must be complete (every required field present).
 */
public final class DashboardState {

    /**
     * What one event changed.
     *
     * @param ranges the ranges whose stats may have changed (to recompute)
     * @param reason the event type, the {@code reason} of the emissions it causes
     * @param refresh a refresh request: emit {@code ranges} even when their value did not change
     * @param beyondRetention the event's local day is older than any kept day: only all-time
     *     figures took it into account
     */
    public record Effect(Set<StatsRange> ranges, String reason, boolean refresh, boolean beyondRetention) {}

    private static final StatsRange[] RANGES = StatsRange.values();

    private final ZoneId zone;
    private final Days days;
    private final Students students;
    private final Appointments appointments;
    private final Alerts alerts;

    /**
     * The span of every range on {@code spansDay} (indexed like {@link #RANGES}) and the oldest day
     * kept then, so that finding an event's ranges allocates nothing (an {@code EnumMap}'s
     * {@code forEach} allocates an entry per range).
     */
    private final DateSpan[] spans = new DateSpan[RANGES.length];

    private LocalDate oldestKept;

    private LocalDate spansDay;

    public DashboardState(ZoneId zone, Days days, Students students, Appointments appointments, Alerts alerts) {
        this.zone = zone;
        this.days = days;
        this.students = students;
        this.appointments = appointments;
        this.alerts = alerts;
    }

    /** Applies one new, complete event, {@code today} being the local date now. */
    public Effect apply(EventEnvelope event, LocalDate today) {
        LocalDate day = event.occurredAt().atZoneSameInstant(zone).toLocalDate();
        String reason = event.type().wire();
        calendarOn(today);
        boolean kept = !day.isBefore(oldestKept);
        Set<StatsRange> changed = EnumSet.noneOf(StatsRange.class);
        if (event.data() instanceof AlertChange change) {
            boolean applied = alerts.apply(AlertState.of(change, event.occurredAt()));
            return new Effect(applied ? EnumSet.allOf(StatsRange.class) : changed, reason, false, false);
        }
        if (event.data() instanceof RefreshRequested refresh) {
            return new Effect(EnumSet.of(refresh.range()), refresh.reason(), true, false);
        }
        if (event.data() instanceof CheckinCreated checkin) {
            if (kept) {
                days.update(day, totals -> totals.addCheckin(checkin));
            }
            if (checkin.userId() != null && students.add(checkin.userId())) {
                changed.addAll(EnumSet.allOf(StatsRange.class));
            }
        } else if (kept && event.data() instanceof SentimentAnalyzed sentiment) {
            days.update(day, totals -> totals.addSentiment(sentiment.sentiment()));
        } else if (kept && event.data() instanceof ActivityLogged activity && isFormDownload(activity)) {
            appointments.add(day, activity.userId());
        }
        if (!kept) {
            return new Effect(changed, reason, false, true);
        }
        for (int i = 0; i < RANGES.length; i++) {
            if (spans[i].contains(day)) {
                changed.add(RANGES[i]);
            }
        }
        return new Effect(changed, reason, false, false);
    }

    private static boolean isFormDownload(ActivityLogged activity) {
        return "downloaded_form".equals(activity.action()) && "form".equals(activity.targetType());
    }

    /** Brings {@link #spans} and {@link #oldestKept} to {@code today}, once per local day. */
    private void calendarOn(LocalDate today) {
        if (!today.equals(spansDay)) {
            for (int i = 0; i < RANGES.length; i++) {
                spans[i] = RangeCalendar.span(RANGES[i], today);
            }
            oldestKept = RangeCalendar.oldestKept(today);
            spansDay = today;
        }
    }

    /** The stats of {@code ranges} at {@code now} (its local date is today), in range order. */
    public Map<StatsRange, DashboardStats> compute(Set<StatsRange> ranges, OffsetDateTime now) {
        LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
        AlertSummary summary = alerts.summary();
        Map<StatsRange, DashboardStats> stats = new EnumMap<>(StatsRange.class);
        for (StatsRange range : ranges) {
            stats.put(
                    range,
                    StatsCalculator.compute(
                            range, today, days::get, appointments::distinctStudents, summary, students.count(), now));
        }
        return stats;
    }

    /** On a new local day: forgets what no range holds any more (alerts: all but the newest few). */
    public void forgetBefore(LocalDate oldest) {
        days.removeBefore(oldest);
        appointments.removeBefore(oldest);
        alerts.removeCreatedBefore(oldest, StatsCalculator.RECENT_ALERTS);
    }
}
