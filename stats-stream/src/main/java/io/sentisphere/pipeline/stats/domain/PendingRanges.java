package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Ranges to recompute at the next emission, each with the reason it will be emitted with (the
 * latest event type that touched it) and whether it must be emitted even when its value did not
 * change (a refresh request). Memory: one entry per range. Mutable; owned by one stream task.
 */
public final class PendingRanges {

    /** Why a range is pending. */
    public record Pending(String reason, boolean forced) {}

    private final Map<StatsRange, Pending> pending = new EnumMap<>(StatsRange.class);

    public void record(DashboardState.Effect effect) {
        for (StatsRange range : effect.ranges()) {
            if (effect.refresh()) {
                pending.put(range, new Pending(effect.reason(), true));
            } else {
                mark(range, effect.reason());
            }
        }
    }

    /** Marks every range (start-up, rollover). */
    public void markAll(String reason) {
        for (StatsRange range : StatsRange.values()) {
            mark(range, reason);
        }
    }

    /** Latest reason wins; a pending refresh stays forced. */
    private void mark(StatsRange range, String reason) {
        Pending previous = pending.get(range);
        if (previous == null || !previous.reason().equals(reason)) {
            pending.put(range, new Pending(reason, previous != null && previous.forced()));
        }
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    public Set<StatsRange> ranges() {
        return pending.keySet();
    }

    /** Returns what is pending, in range order, and forgets it. */
    public Map<StatsRange, Pending> drain() {
        Map<StatsRange, Pending> drained = new EnumMap<>(pending);
        pending.clear();
        return drained;
    }
}
