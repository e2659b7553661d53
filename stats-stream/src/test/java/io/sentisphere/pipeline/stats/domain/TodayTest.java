package io.sentisphere.pipeline.stats.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TodayTest {

    final AtomicReference<Instant> now = new AtomicReference<>();

    @Test
    void theDateChangesAtLocalMidnightNotUtcMidnight() {
        Today today = new Today(clock(ZoneId.of("Asia/Manila"))); // UTC+8
        now.set(Instant.parse("2026-11-26T15:59:59.999Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 26));

        now.set(Instant.parse("2026-11-26T16:00:00Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void daysOf23And25HoursEndAtTheirOwnMidnight() {
        Today today = new Today(clock(ZoneId.of("America/New_York")));
        now.set(Instant.parse("2026-03-08T04:59:59Z")); // 23:59:59 EST, the day before the spring gap
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 3, 7));
        now.set(Instant.parse("2026-03-09T03:59:59Z")); // 23:59:59 EDT of the 23-hour day
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 3, 8));
        now.set(Instant.parse("2026-03-09T04:00:00Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 3, 9));

        now.set(Instant.parse("2026-11-02T04:59:59Z")); // 23:59:59 EST of the 25-hour day
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 1));
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 2));
    }

    @Test
    void aClockThatJumpsBackGivesTheEarlierDate() {
        Today today = new Today(clock(ZoneId.of("Asia/Manila")));
        now.set(Instant.parse("2026-11-27T01:00:00Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 27));

        now.set(Instant.parse("2026-11-26T15:59:59Z"));
        assertThat(today.get()).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    private Clock clock(ZoneId zone) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
