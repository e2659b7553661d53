package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.events.WireEnum;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Computes one range's {@link DashboardStats} from per-day totals, the alert summary and the
 * all-time student count. Pure: same inputs, same output.
 */
public final class StatsCalculator {

    /** How many alerts {@code recent_alerts} holds. */
    public static final int RECENT_ALERTS = 5;

    private StatsCalculator() {}

    /**
     * @param days the totals of a local day, or null when nothing happened that day
     * @param appointmentStudents distinct students with an appointment-form download in a span
     * @param alerts the alert summary, computed once for all ranges of one emission
     */
    public static DashboardStats compute(
            StatsRange range,
            LocalDate today,
            Function<LocalDate, DayTotals> days,
            ToLongFunction<DateSpan> appointmentStudents,
            AlertSummary alerts,
            long studentsMonitored,
            OffsetDateTime now) {
        DateSpan span = RangeCalendar.span(range, today);
        long checkins = 0;
        double wellnessSum = 0;
        long positive = 0;
        long neutral = 0;
        long negative = 0;
        Map<String, Long> mood = zeros(MoodLevel.class);
        Map<String, Long> energy = zeros(EnergyLevel.class);
        Map<String, Long> stress = zeros(StressLevel.class);
        long highRiskAlerts = 0;
        for (LocalDate day = span.first(); !day.isAfter(span.last()); day = day.plusDays(1)) {
            highRiskAlerts += alerts.highRiskByDay().getOrDefault(day, 0L);
            DayTotals totals = days.apply(day);
            if (totals == null) {
                continue;
            }
            checkins += totals.checkins;
            wellnessSum += totals.wellnessSum;
            positive += totals.positive;
            neutral += totals.neutral;
            negative += totals.negative;
            totals.mood.forEach((k, v) -> mood.merge(k, v, Long::sum));
            totals.energy.forEach((k, v) -> energy.merge(k, v, Long::sum));
            totals.stress.forEach((k, v) -> stress.merge(k, v, Long::sum));
        }
        Double wellness = checkins == 0 ? null : Math.round(wellnessSum / checkins * 10) / 10.0;
        return new DashboardStats(
                studentsMonitored,
                checkins,
                appointmentStudents.applyAsLong(span),
                highRiskAlerts + negative,
                alerts.recent(),
                now,
                range,
                new DashboardStats.Breakdown(mood, energy, stress),
                wellness,
                new DashboardStats.Sentiments(positive, neutral, negative));
    }

    private static <E extends Enum<E> & WireEnum> Map<String, Long> zeros(Class<E> type) {
        Map<String, Long> counts = new LinkedHashMap<>();
        WireEnum.labels(type).forEach(label -> counts.put(label, 0L));
        return counts;
    }
}
