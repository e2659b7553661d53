package io.sentisphere.pipeline.stats.topology.stores;

import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The last update emitted per range (its store, key: range name), with its value minus the
 * timestamp in memory, so "emit only when changed" holds across restarts.
 */
public final class EmittedStats {

    private final KeyValueStore<String, StatsUpdate> store;
    private final Map<StatsRange, DashboardStats> values = new EnumMap<>(StatsRange.class);

    public EmittedStats(KeyValueStore<String, StatsUpdate> store) {
        this.store = store;
        try (KeyValueIterator<String, StatsUpdate> it = store.all()) {
            it.forEachRemaining(
                    kv -> values.put(kv.value.range(), kv.value.stats().withoutTimestamp()));
        }
    }

    /** Whether {@code stats} differ from the last emitted value of their range, timestamps aside. */
    public boolean differs(StatsRange range, DashboardStats stats) {
        return !stats.withoutTimestamp().equals(values.get(range));
    }

    public void record(StatsUpdate update) {
        values.put(update.range(), update.stats().withoutTimestamp());
        store.put(update.range().wire(), update);
    }
}
