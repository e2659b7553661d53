package io.sentisphere.pipeline.stats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.stats.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TodayTest {

    final MutableClock clock = new MutableClock(Instant.EPOCH);

    @Test
    void theDateChangesAtLocalMidnightNotUtcMidnight() {
        Today today = new Today(clock.withZone(ZoneId.of("Asia/Manila"))); // UTC+8
        clock.set(Instant.parse("2026-11-26T15:59:59.999Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 26));

        clock.set(Instant.parse("2026-11-26T16:00:00Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void daysOf23And25HoursEndAtTheirOwnMidnight() {
        Today today = new Today(clock.withZone(ZoneId.of("America/New_York")));
        clock.set(Instant.parse("2026-03-08T04:59:59Z")); // 23:59:59 EST, the day before the spring gap
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 3, 7));
        clock.set(Instant.parse("2026-03-09T03:59:59Z")); // 23:59:59 EDT of the 23-hour day
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 3, 8));
        clock.set(Instant.parse("2026-03-09T04:00:00Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 3, 9));

        clock.set(Instant.parse("2026-11-02T04:59:59Z")); // 23:59:59 EST of the 25-hour day
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void aClockThatJumpsBackGivesTheEarlierDate() {
        Today today = new Today(clock.withZone(ZoneId.of("Asia/Manila")));
        clock.set(Instant.parse("2026-11-27T01:00:00Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 27));

        clock.set(Instant.parse("2026-11-26T15:59:59Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 26));
    }
}
