package io.sentisphere.pipeline.stats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeCalendarTest {

    @ParameterizedTest(name = "{0} on {1}: {2}..{3}")
    @CsvSource(textBlock = """
            TODAY,         2026-11-26, 2026-11-26, 2026-11-26
            YESTERDAY,     2026-11-26, 2026-11-25, 2026-11-25
            YESTERDAY,     2026-03-01, 2026-02-28, 2026-02-28
            YESTERDAY,     2028-03-01, 2028-02-29, 2028-02-29
            THIS_WEEK,     2026-11-26, 2026-11-23, 2026-11-29
            THIS_WEEK,     2026-11-23, 2026-11-23, 2026-11-29
            THIS_WEEK,     2026-11-29, 2026-11-23, 2026-11-29
            LAST_WEEK,     2026-11-23, 2026-11-16, 2026-11-22
            LAST_WEEK,     2026-01-01, 2025-12-22, 2025-12-28
            THIS_MONTH,    2026-11-26, 2026-11-01, 2026-11-30
            THIS_MONTH,    2028-02-10, 2028-02-01, 2028-02-29
            LAST_MONTH,    2026-03-31, 2026-02-01, 2026-02-28
            LAST_MONTH,    2026-01-15, 2025-12-01, 2025-12-31
            LAST_7_DAYS,   2026-11-26, 2026-11-20, 2026-11-26
            LAST_30_DAYS,  2026-03-01, 2026-01-31, 2026-03-01
            THIS_SEMESTER, 2026-06-30, 2026-01-01, 2026-06-30
            THIS_SEMESTER, 2026-07-01, 2026-07-01, 2026-12-31
            THIS_SEMESTER, 2026-01-01, 2026-01-01, 2026-06-30
            """)
    void rangesAreWholeLocalDaysWithMondayWeeksAndHalfYearSemesters(
            StatsRange range, LocalDate today, LocalDate first, LocalDate last) {
        assertThat(RangeCalendar.span(range, today)).isEqualTo(new DateSpan(first, last));
    }

    @ParameterizedTest
    @CsvSource({"2026-01-15", "2026-07-31", "2026-12-31", "2028-02-29"})
    void retentionCoversTheLongestRangeAndThePreviousMonth(LocalDate today) {
        LocalDate oldest = RangeCalendar.oldestKept(today);
        for (StatsRange range : StatsRange.values()) {
            assertThat(RangeCalendar.span(range, today).first()).isAfterOrEqualTo(oldest);
        }
    }
}
