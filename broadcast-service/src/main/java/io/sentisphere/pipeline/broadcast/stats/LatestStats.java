package io.sentisphere.pipeline.broadcast.stats;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest committed update of every range, as read from {@code dashboard.stats.v1}.
 *
 * <p>Guarantee: {@link #current} answers only once the feed has read up to the end offsets it saw
 * at start-up ({@link #markCaughtUp}). Before that the map holds whatever older state the feed
 * happened to reach, which must never be served: a dashboard loading then would show a number
 * from the topic's history. After it, every record read replaces its range's state in offset
 * order, so no state older than the newest read is ever answered.
 */
public final class LatestStats {

    /** What {@link #current} knows about a range. */
    public sealed interface Current {
        /** Still reading the topic's history: nothing may be served yet. */
        record Loading() implements Current {}

        /** Caught up, and stats-stream has never written this range. */
        record Unknown() implements Current {}

        record Known(StatsUpdate update) implements Current {}
    }

    private final Map<StatsRange, StatsUpdate> latest = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    /** Feed thread only: records the newest update of its range. */
    public void put(StatsUpdate update) {
        latest.put(update.range(), update);
    }

    /** Feed thread only: from now on {@link #current} answers. */
    public void markCaughtUp() {
        caughtUp = true;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public Current current(StatsRange range) {
        if (!caughtUp) {
            return new Current.Loading();
        }
        StatsUpdate update = latest.get(range);
        return update == null ? new Current.Unknown() : new Current.Known(update);
    }

    public Iterable<StatsUpdate> all() {
        return latest.values();
    }

    public int size() {
        return latest.size();
    }
}
