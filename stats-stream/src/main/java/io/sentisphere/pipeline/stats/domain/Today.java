package io.sentisphere.pipeline.stats.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The local date now, by a clock in the configured zone. Every event asks for it, and a time-zone
 * lookup per event showed in catch-up profiles, so the date is recomputed only when the clock
 * leaves the span of the day it last gave (its start and end in epoch milliseconds, which is right
 * on days of 23 or 25 hours too). A clock that jumps back (NTP, tests) is seen the same way.
 * Not thread-safe; owned by one stream task.
 */
public final class Today {

    private final Clock clock;
    private LocalDate day;
    /** The span of {@code day}, [start, end); empty until the first call. */
    private long startMillis = Long.MAX_VALUE;

    private long endMillis = Long.MIN_VALUE;

    public Today(Clock clock) {
        this.clock = clock;
    }

    /** The local date at the clock's current instant. */
    public LocalDate get() {
        long now = clock.millis();
        if (now < startMillis || now >= endMillis) {
            day = LocalDate.ofInstant(Instant.ofEpochMilli(now), clock.getZone());
            startMillis = day.atStartOfDay(clock.getZone()).toInstant().toEpochMilli();
            endMillis =
                    day.plusDays(1).atStartOfDay(clock.getZone()).toInstant().toEpochMilli();
        }
        return day;
    }
}
