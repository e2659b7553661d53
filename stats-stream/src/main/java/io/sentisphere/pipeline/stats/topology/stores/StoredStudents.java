package io.sentisphere.pipeline.stats.topology.stores;

import io.sentisphere.pipeline.stats.domain.Students;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The all-time student set, kept in its store only (it grows with the school, so it is not mirrored
 * in memory; the store's record cache and RocksDB's block cache serve the repeated look-ups), and
 * its size, kept under {@link #COUNT_KEY} in the shared meta store so start-up does not count it.
 */
public final class StoredStudents implements Students {

    /** The meta store key holding the count. */
    static final String COUNT_KEY = "students_count";

    private final KeyValueStore<Long, Long> store;
    private final KeyValueStore<String, String> meta;
    private long count;

    public StoredStudents(KeyValueStore<Long, Long> store, KeyValueStore<String, String> meta) {
        this.store = store;
        this.meta = meta;
        String stored = meta.get(COUNT_KEY);
        this.count = stored == null ? 0 : Long.parseLong(stored);
    }

    @Override
    public boolean add(long userId) {
        if (store.get(userId) != null) {
            return false;
        }
        store.put(userId, 1L);
        count++;
        meta.put(COUNT_KEY, String.valueOf(count));
        return true;
    }

    @Override
    public long count() {
        return count;
    }
}
