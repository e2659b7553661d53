package io.sentisphere.pipeline.stats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AppointmentIndexTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final DateSpan WEEK = new DateSpan(MONDAY, MONDAY.plusDays(6));

    @Test
    void aStudentOnSeveralDaysOfASpanCountsOnce() {
        AppointmentIndex index = new AppointmentIndex();
        assertThat(index.add(MONDAY, 1)).isTrue();
        assertThat(index.add(MONDAY.plusDays(2), 1)).isTrue();
        assertThat(index.add(MONDAY, 1)).isFalse();
        index.add(MONDAY.plusDays(3), 2);

        assertThat(index.distinctStudents(WEEK)).isEqualTo(2);
        assertThat(index.distinctStudents(new DateSpan(MONDAY, MONDAY))).isEqualTo(1);
        assertThat(index.distinctStudents(new DateSpan(MONDAY.plusDays(7), MONDAY.plusDays(13))))
                .isZero();
    }

    @Test
    void countsKeptUpToDateIncrementallyEqualAFreshCount() {
        AppointmentIndex incremental = new AppointmentIndex();
        List<DateSpan> spans = List.of(
                WEEK,
                new DateSpan(MONDAY.minusDays(30), MONDAY),
                new DateSpan(MONDAY.plusDays(3), MONDAY.plusDays(3)),
                new DateSpan(MONDAY.minusDays(60), MONDAY.plusDays(6)));
        spans.forEach(incremental::distinctStudents); // counted now, then only updated
        Random random = new Random(42);
        List<int[]> visits = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            int day = random.nextInt(70) - 60;
            int student = random.nextInt(300);
            visits.add(new int[] {day, student});
            incremental.add(MONDAY.plusDays(day), student);
        }
        AppointmentIndex fresh = new AppointmentIndex();
        visits.forEach(v -> fresh.add(MONDAY.plusDays(v[0]), v[1]));
        for (DateSpan span : spans) {
            long distinct = visits.stream()
                    .filter(v -> span.contains(MONDAY.plusDays(v[0])))
                    .mapToInt(v -> v[1])
                    .distinct()
                    .count();
            assertThat(incremental.distinctStudents(span)).as(span.toString()).isEqualTo(distinct);
            assertThat(fresh.distinctStudents(span)).as(span.toString()).isEqualTo(distinct);
        }
    }

    @Test
    void forgettingOldDaysReturnsThemAndRecounts() {
        AppointmentIndex index = new AppointmentIndex();
        DateSpan all = new DateSpan(MONDAY.minusDays(10), MONDAY.plusDays(6));
        index.add(MONDAY.minusDays(10), 1);
        index.add(MONDAY.minusDays(10), 2);
        index.add(MONDAY, 2);
        assertThat(index.distinctStudents(all)).isEqualTo(2);

        assertThat(index.removeBefore(MONDAY))
                .containsExactlyInAnyOrder(
                        new AppointmentIndex.Visit(MONDAY.minusDays(10), 1),
                        new AppointmentIndex.Visit(MONDAY.minusDays(10), 2));

        assertThat(index.distinctStudents(all)).isEqualTo(1);
        assertThat(index.add(MONDAY.minusDays(10), 1))
                .as("forgotten, so new again")
                .isTrue();
    }
}
