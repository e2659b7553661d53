package io.sentisphere.pipeline.stats.topology.stores;

import io.sentisphere.pipeline.stats.domain.AlertBook;
import io.sentisphere.pipeline.stats.domain.AlertState;
import io.sentisphere.pipeline.stats.domain.AlertSummary;
import io.sentisphere.pipeline.stats.domain.Alerts;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Alerts: the counts answered from memory ({@link AlertBook}, compact), each alert's whole state in
 * its store (key: alert id), read back for the newest few. Loaded in full on construction.
 */
public final class StoredAlerts implements Alerts {

    private final AlertBook book;
    private final KeyValueStore<Long, AlertState> store;

    public StoredAlerts(ZoneId zone, KeyValueStore<Long, AlertState> store) {
        this.store = store;
        this.book = new AlertBook(zone, store::get);
        try (KeyValueIterator<Long, AlertState> it = store.all()) {
            it.forEachRemaining(kv -> book.put(kv.value));
        }
    }

    @Override
    public boolean apply(AlertState next) {
        if (!book.apply(next)) {
            return false;
        }
        store.put(next.alertId(), next);
        return true;
    }

    @Override
    public AlertSummary summary() {
        return book.summary();
    }

    @Override
    public List<Long> removeCreatedBefore(LocalDate oldest, int keep) {
        List<Long> removed = book.removeCreatedBefore(oldest, keep);
        removed.forEach(store::delete);
        return removed;
    }
}
