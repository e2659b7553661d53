package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Which local dates each range covers on a given local day. Weeks start on Monday (ISO);
 * semesters are January–June and July–December. Ranges are whole days in the configured zone, so
 * daylight-saving shifts never move an event to another day.
 */
public final class RangeCalendar {

    /**
     * Days of per-day state kept: the longest range (a semester, 184 days) plus the previous month
     * (31), with a week of margin for late events.
     */
    public static final int RETENTION_DAYS = 184 + 31 + 7;

    private RangeCalendar() {}

    public static DateSpan span(StatsRange range, LocalDate today) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        return switch (range) {
            case TODAY -> new DateSpan(today, today);
            case YESTERDAY -> new DateSpan(today.minusDays(1), today.minusDays(1));
            case THIS_WEEK -> new DateSpan(monday, monday.plusDays(6));
            case LAST_WEEK -> new DateSpan(monday.minusDays(7), monday.minusDays(1));
            case THIS_MONTH -> new DateSpan(firstOfMonth, today.with(TemporalAdjusters.lastDayOfMonth()));
            case LAST_MONTH -> new DateSpan(firstOfMonth.minusMonths(1), firstOfMonth.minusDays(1));
            case LAST_7_DAYS -> new DateSpan(today.minusDays(6), today);
            case LAST_30_DAYS -> new DateSpan(today.minusDays(29), today);
            case THIS_SEMESTER ->
                today.getMonthValue() <= 6
                        ? new DateSpan(LocalDate.of(today.getYear(), 1, 1), LocalDate.of(today.getYear(), 6, 30))
                        : new DateSpan(LocalDate.of(today.getYear(), 7, 1), LocalDate.of(today.getYear(), 12, 31));
        };
    }

    /** The oldest day whose per-day state is still kept on {@code today}. */
    public static LocalDate oldestKept(LocalDate today) {
        return today.minusDays(RETENTION_DAYS);
    }
}
