package io.sentisphere.pipeline.broadcast.push;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: the n-th consecutive failure waits a uniform time in
 * [first, min(max, first·2^(n-1))], so instances retrying after one outage spread out.
 */
final class Backoff {

    static final long FIRST_MILLIS = 250;

    private final long maxMillis;

    Backoff(Duration max) {
        this.maxMillis = max.toMillis();
    }

    long delayMillis(int failures) {
        long ceiling = Math.min(maxMillis, FIRST_MILLIS << Math.min(failures - 1, 20));
        return FIRST_MILLIS + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling - FIRST_MILLIS + 1));
    }
}
