package io.sentisphere.pipeline.stats.topology;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When {@link StatsProcessor} may emit: at most once per interval, on a leading edge, and, after an
 * emission that asked for a commit, not before the stream thread has been back from that commit for
 * a quarter of an interval.
 *
 * <p>Why the second rule: an exactly-once commit blocks the stream thread, and on a busy machine it
 * can take as long as the interval itself (100 ms and more with the whole stack on two cores).
 * Measured from the emission alone, the interval has then always passed when the thread returns, so
 * the first event it processes is emitted and committed at once. Kafka Streams halves the records it
 * processes per loop after every commit, down to one, so the stream fell into one event per commit:
 * about 9 events/s against 200/s arriving, seconds of lag, until commits happened to be fast again
 * (bench/RESULTS.md, issue 14, session 19). A quarter interval of commit-free processing lets the
 * thread drain what arrived during the commit before it commits again; with fast commits the rule
 * changes nothing, as the interval since the emission is the later bound.
 *
 * <p>The end of a commit is seen as the first call after the stream thread's commit count moved
 * ({@link StreamThreadCommits}). Without that count (test drivers) only the interval applies. Not
 * thread-safe; owned by one stream task.
 */
final class EmissionPacing {

    private final long intervalMillis;
    private final long afterCommitMillis;
    private final LongSupplier commitsCompleted;

    /** Wall-clock time of the last emission; long ago at start. */
    private long lastEmissionMillis = Long.MIN_VALUE / 2;
    /** When the thread was first seen back from the commit the last emission asked for. */
    private long resumedMillis = Long.MIN_VALUE / 2;
    /** The commit count when the last emission asked for a commit, while that commit is awaited. */
    private long awaitedAfter = -1;

    /**
     * @param interval the least time between two emissions
     * @param commitsCompleted how many commits the stream thread has completed (a count that only
     *     grows); a constant when unknown
     */
    EmissionPacing(Duration interval, LongSupplier commitsCompleted) {
        this.intervalMillis = interval.toMillis();
        this.afterCommitMillis = intervalMillis / 4;
        this.commitsCompleted = commitsCompleted;
    }

    /** Whether an emission may happen at {@code nowMillis}; call it at every emission check. */
    boolean due(long nowMillis) {
        if (awaitedAfter >= 0 && commitsCompleted.getAsLong() != awaitedAfter) {
            awaitedAfter = -1;
            resumedMillis = nowMillis;
        }
        return nowMillis - lastEmissionMillis >= intervalMillis && nowMillis - resumedMillis >= afterCommitMillis;
    }

    /** An emission ran at {@code nowMillis} (whether or not it forwarded anything). */
    void emitted(long nowMillis) {
        lastEmissionMillis = nowMillis;
    }

    /** The last emission asked Kafka Streams to commit. */
    void commitRequested() {
        awaitedAfter = commitsCompleted.getAsLong();
    }
}
