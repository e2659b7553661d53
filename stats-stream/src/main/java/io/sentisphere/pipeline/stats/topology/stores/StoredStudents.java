package io.sentisphere.pipeline.stats.topology.stores;

import io.sentisphere.pipeline.stats.domain.Students;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * The all-time student set: read from memory, a compressed bitmap of ids loaded in full from its
 * store on construction; each new id is written through to the store (its changelog makes it
 * durable). Every check-in asks whether its student is new, and before the bitmap that question
 * went to the store's record cache, whose sorted map the student keys filled (about 9 % of
 * catch-up, and evictions of the hot day totals). A bitmap of database ids takes a few bytes per
 * student (a few KB for a school of 20,000 with consecutive ids; ids scattered thinly over the
 * whole {@code long} range cost more each, as the bitmap then keeps a container per id).
 * The store itself has no record cache: nothing reads it but this constructor.
 *
 * <p>The count also goes to the shared meta store under {@link #COUNT_KEY}, as earlier releases
 * read it from there: an older instance taking the task over during a rolling upgrade then still
 * counts on from the right number. This class counts from the ids themselves.
 */
public final class StoredStudents implements Students {

    /** The meta store key holding the count. */
    static final String COUNT_KEY = "students_count";

    private final Roaring64Bitmap ids = new Roaring64Bitmap();
    private final KeyValueStore<Long, Long> store;
    private final KeyValueStore<String, String> meta;

    public StoredStudents(KeyValueStore<Long, Long> store, KeyValueStore<String, String> meta) {
        this.store = store;
        this.meta = meta;
        try (KeyValueIterator<Long, Long> it = store.all()) {
            it.forEachRemaining(kv -> ids.addLong(kv.key));
        }
    }

    @Override
    public boolean add(long userId) {
        if (ids.contains(userId)) {
            return false;
        }
        store.put(userId, 1L);
        ids.addLong(userId);
        meta.put(COUNT_KEY, String.valueOf(count()));
        return true;
    }

    @Override
    public long count() {
        return ids.getLongCardinality();
    }
}
