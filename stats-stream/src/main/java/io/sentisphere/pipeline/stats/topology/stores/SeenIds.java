package io.sentisphere.pipeline.stats.topology.stores;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.commons.collections4.bloomfilter.EnhancedDoubleHasher;
import org.apache.commons.collections4.bloomfilter.Hasher;
import org.apache.commons.collections4.bloomfilter.Shape;
import org.apache.commons.collections4.bloomfilter.SimpleBloomFilter;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The event ids seen lately: a window store (record time; changelogged, so exactly-once across
 * crashes) with Bloom filters in memory in front of it. Almost every event is new, and a new id
 * used to cost a window-store seek in every segment its range touched (a fifth of the stream
 * thread in catch-up); now a filter that has never seen the id answers, and only ids it may have
 * seen (every real duplicate, and about 1 % of new ids) go to the store, which alone decides.
 *
 * <p>Guarantee: the answers are exactly the store's. A filter never misses an id it was given,
 * and it is given every id the store holds that a look-up could return: all of them on
 * construction (a full scan: start-up reads every id of the store's retention),
 * then each one this class writes. Filters are grouped by generations of {@code retention} of
 * record time; a generation is dropped only once the store's retention ({@code observed stream
 * time - retention}, the store's own rule for what a fetch may return) has passed its end, and
 * this class's stream time (the largest timestamp written or loaded) is never ahead of the
 * store's. Hazard: whatever writes this store must go through this class, or the filters miss
 * ids the store holds.
 *
 * <p>Memory: about 1.2 bytes per id of a generation (1 % false positives), at most two or three
 * generations alive; a generation starts with room for {@value #FIRST_FILTER_IDS} ids and, each
 * time its newest filter fills, adds one as large as all before it (at most {@value
 * #MAX_FILTER_IDS} ids), so a busier week costs one more filter probe per look-up, not a rebuild.
 *
 * <p>Cost: an id is hashed once per look-up (128-bit MurmurHash3 of its UTF-8 bytes) and that hash
 * probes every filter it meets, by enhanced double hashing (Commons Collections' Bloom filters).
 * Guava's filters hash the id again for each filter and for the put: four hashes of a new id once
 * a generation held three filters, most of the look-up's time (bench/RESULTS.md, issue 14, session
 * 15). Not thread-safe: a stream task's processor owns it.
 */
public final class SeenIds {

    /** Ids the first filter of a generation is sized for (~300 KB at 1 % false positives). */
    static final int FIRST_FILTER_IDS = 1 << 18;

    private static final double FALSE_POSITIVES = 0.01;

    /**
     * The most ids one filter is sized for (~80 MB): past it, a generation adds filters of this
     * size instead of doubling. A filter's bits are counted in an {@code int}, so one filter holds
     * at most ~224 million ids at 1 %, and doubling alone would fail when a generation reached 2^28
     * (~268 million) ids, a sustained ~390 events/s over its 8 days. On a shipped heap, memory
     * runs out long before either.
     */
    static final int MAX_FILTER_IDS = 1 << 26;

    private final WindowStore<String, Long> store;
    private final long windowMillis;
    private final long aheadMillis;
    private final long retentionMillis;
    private final int firstFilterIds;
    private final Runnable onStoreLookup;
    /** Generation number (record time / retention) → its filters. */
    private final TreeMap<Long, Generation> generations = new TreeMap<>();

    private long streamTime = Long.MIN_VALUE;
    private long storeLookups;

    /**
     * @param store the ids, each under its record time
     * @param window how far back an id counts as seen
     * @param ahead how far ahead of an event's record time an id counts as seen (clocks differ)
     * @param retention the store's retention, at least {@code window + ahead}
     */
    public SeenIds(WindowStore<String, Long> store, long window, long ahead, long retention) {
        this(store, window, ahead, retention, () -> {});
    }

    /** @param onStoreLookup called for each look-up that goes to the store (for a metric) */
    public SeenIds(WindowStore<String, Long> store, long window, long ahead, long retention, Runnable onStoreLookup) {
        this(store, window, ahead, retention, FIRST_FILTER_IDS, onStoreLookup);
    }

    SeenIds(
            WindowStore<String, Long> store,
            long window,
            long ahead,
            long retention,
            int firstFilterIds,
            Runnable onStoreLookup) {
        if (retention < window + ahead) {
            throw new IllegalArgumentException("retention " + retention + " ms is shorter than the look-up range");
        }
        this.store = store;
        this.windowMillis = window;
        this.aheadMillis = ahead;
        this.retentionMillis = retention;
        this.firstFilterIds = firstFilterIds;
        this.onStoreLookup = onStoreLookup;
        try (KeyValueIterator<Windowed<String>, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, Long> entry = all.next();
                remember(hash(entry.key.key()), entry.key.window().start());
            }
        }
        expire();
    }

    /**
     * Whether {@code id} was seen with a record time within {@code [timestamp - window, timestamp
     * + ahead]}; if not, records it under {@code timestamp} (store and filter) and returns false.
     */
    public boolean seenBefore(String id, long timestamp) {
        Hasher hash = hash(id);
        if (mightHaveSeen(hash, timestamp)) {
            storeLookups++;
            onStoreLookup.run();
            try (WindowStoreIterator<Long> seen = store.fetch(id, timestamp - windowMillis, timestamp + aheadMillis)) {
                if (seen.hasNext()) {
                    return true;
                }
            }
        }
        store.put(id, timestamp, timestamp);
        long before = streamTime;
        remember(hash, timestamp);
        if (streamTime > before) {
            expire();
        }
        return false;
    }

    /** Look-ups that went to the store (the rest a filter answered alone). */
    long storeLookups() {
        return storeLookups;
    }

    /** Generations held in memory. */
    int generations() {
        return generations.size();
    }

    private static Hasher hash(String id) {
        long[] hash = MurmurHash3.hash128x64(id.getBytes(StandardCharsets.UTF_8));
        return new EnhancedDoubleHasher(hash[0], hash[1]);
    }

    private boolean mightHaveSeen(Hasher id, long timestamp) {
        long first = generation(timestamp - windowMillis);
        long last = generation(timestamp + aheadMillis);
        for (Generation generation : generations.subMap(first, true, last, true).values()) {
            if (generation.mightContain(id)) {
                return true;
            }
        }
        return false;
    }

    private void remember(Hasher id, long timestamp) {
        generations
                .computeIfAbsent(generation(timestamp), g -> new Generation(firstFilterIds))
                .put(id);
        streamTime = Math.max(streamTime, timestamp);
    }

    /**
     * Drops generations the store no longer answers for: it returns only record times after
     * {@code streamTime - retention}, so a generation ending at or before that is dead.
     */
    private void expire() {
        Iterator<Map.Entry<Long, Generation>> it = generations.entrySet().iterator();
        while (it.hasNext()) {
            long end = Math.multiplyExact(it.next().getKey() + 1, retentionMillis) - 1;
            if (end > streamTime - retentionMillis) {
                return;
            }
            it.remove();
        }
    }

    private long generation(long timestamp) {
        return Math.floorDiv(timestamp, retentionMillis);
    }

    /** One generation's filters, each (after the first) as large as all before it, up to {@link #MAX_FILTER_IDS}. */
    private static final class Generation {

        private final List<SimpleBloomFilter> filters = new ArrayList<>(4);
        private final int firstFilterIds;
        private long capacity;
        private long held;

        Generation(int firstFilterIds) {
            this.firstFilterIds = firstFilterIds;
        }

        boolean mightContain(Hasher id) {
            for (SimpleBloomFilter filter : filters) {
                if (filter.contains(id)) {
                    return true;
                }
            }
            return false;
        }

        void put(Hasher id) {
            if (held == capacity) {
                long size = Math.min(capacity == 0 ? firstFilterIds : capacity, MAX_FILTER_IDS);
                filters.add(new SimpleBloomFilter(Shape.fromNP(Math.toIntExact(size), FALSE_POSITIVES)));
                capacity += size;
            }
            filters.get(filters.size() - 1).merge(id);
            held++;
        }
    }
}
