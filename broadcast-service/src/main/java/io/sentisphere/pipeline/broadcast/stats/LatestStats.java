package io.sentisphere.pipeline.broadcast.stats;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The newest committed update of every range, as read from {@code dashboard.stats.v1}. */
public final class LatestStats {

    private final Map<StatsRange, StatsUpdate> latest = new ConcurrentHashMap<>();

    public void put(StatsUpdate update) {
        latest.put(update.range(), update);
    }

    public Optional<StatsUpdate> get(StatsRange range) {
        return Optional.ofNullable(latest.get(range));
    }

    public Iterable<StatsUpdate> all() {
        return latest.values();
    }

    public int size() {
        return latest.size();
    }
}
