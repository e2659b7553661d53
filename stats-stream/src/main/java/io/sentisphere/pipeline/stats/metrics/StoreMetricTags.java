package io.sentisphere.pipeline.stats.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives every Kafka Streams state-store meter both store tags. Streams tags window stores
 * {@code rocksdb.window.state.id} and key-value stores {@code rocksdb.state.id} under the same
 * meter names (and registers some window-store meters under both); Prometheus needs one set of tag
 * keys per name, so without this the key-value stores' meters are dropped with a warning. A window
 * store's meter gets its id in both tags, a key-value store's an empty {@code rocksdb.window.state.id}
 * (an empty Prometheus label is an absent one), so no two meters collide.
 */
public final class StoreMetricTags implements MeterFilter {

    static final String PREFIX = "kafka.stream.state";
    static final String STORE = "rocksdb.state.id";
    static final String WINDOW_STORE = "rocksdb.window.state.id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith(PREFIX)) {
            return id;
        }
        String store = id.getTag(STORE);
        String window = id.getTag(WINDOW_STORE);
        if (store != null && window == null) {
            return id.withTag(Tag.of(WINDOW_STORE, ""));
        }
        if (window != null && store == null) {
            return id.withTag(Tag.of(STORE, window));
        }
        return id;
    }
}
