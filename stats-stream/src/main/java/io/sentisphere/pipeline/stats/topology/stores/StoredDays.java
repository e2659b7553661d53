package io.sentisphere.pipeline.stats.topology.stores;

import io.sentisphere.pipeline.stats.domain.DayBook;
import io.sentisphere.pipeline.stats.domain.DayTotals;
import io.sentisphere.pipeline.stats.domain.Days;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-day totals: read from memory ({@link DayBook}), written through to their store (key
 * {@code yyyy-MM-dd}), which is loaded in full on construction (at most the retention's 222 days).
 */
public final class StoredDays implements Days {

    private final DayBook book = new DayBook();
    private final KeyValueStore<String, DayTotals> store;

    /** The last day updated and its key: nearly every event updates the same day. */
    private LocalDate lastDay;

    private String lastKey;

    public StoredDays(KeyValueStore<String, DayTotals> store) {
        this.store = store;
        try (KeyValueIterator<String, DayTotals> it = store.all()) {
            it.forEachRemaining(kv -> book.put(LocalDate.parse(kv.key), kv.value));
        }
    }

    @Override
    public DayTotals get(LocalDate day) {
        return book.get(day);
    }

    @Override
    public void update(LocalDate day, Consumer<DayTotals> change) {
        book.update(day, change);
        if (!day.equals(lastDay)) {
            lastDay = day;
            lastKey = day.toString();
        }
        store.put(lastKey, book.get(day));
    }

    @Override
    public List<LocalDate> removeBefore(LocalDate oldest) {
        List<LocalDate> removed = book.removeBefore(oldest);
        removed.forEach(day -> store.delete(day.toString()));
        return removed;
    }
}
