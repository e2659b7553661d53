package io.sentisphere.pipeline.local;

import java.util.List;

/** Gaps in a series of event times (epoch milliseconds, ascending), for failover measurements. */
public final class Gaps {

    private Gaps() {}

    /** The longest stretch of [from, to] without a time of {@code times} in it. */
    public static long longest(List<Long> times, long from, long to) {
        long previous = from;
        long longest = 0;
        for (long t : times) {
            if (t >= from && t <= to) {
                longest = Math.max(longest, t - previous);
                previous = t;
            }
        }
        return Math.max(longest, to - previous);
    }

    /** How long after {@code from} the first time at or after it came; -1 when none did. */
    public static long firstAfter(List<Long> times, long from) {
        return times.stream()
                .filter(t -> t >= from)
                .findFirst()
                .map(t -> t - from)
                .orElse(-1L);
    }
}
