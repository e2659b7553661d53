package io.sentisphere.pipeline.stats.topology.stores;

import java.time.LocalDate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The local date ranges were last rolled over on, under {@link #KEY} in the shared meta store, so a
 * restart after midnight still rolls over.
 */
public final class LastDay {

    static final String KEY = "last_date";

    private final KeyValueStore<String, String> meta;
    private LocalDate day;

    /** @param today the day assumed when none was stored yet (a new application) */
    public LastDay(KeyValueStore<String, String> meta, LocalDate today) {
        this.meta = meta;
        String stored = meta.get(KEY);
        this.day = stored == null ? today : LocalDate.parse(stored);
    }

    /** Records {@code today}; returns whether it is a new day. */
    public boolean moveTo(LocalDate today) {
        if (today.equals(day)) {
            return false;
        }
        day = today;
        meta.put(KEY, today.toString());
        return true;
    }
}
