package io.sentisphere.pipeline.stats.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class StoreMetricTagsTest {

    @Test
    void windowAndKeyValueStoreMetersAreAllExportedUnderOneName() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new StoreMetricTags());

        registry.gauge(
                "kafka.stream.state.size.all.mem.tables", Tags.of("rocksdb.window.state.id", "seen-event-ids"), 1);
        registry.gauge("kafka.stream.state.size.all.mem.tables", Tags.of("rocksdb.state.id", "seen-event-ids"), 2);
        registry.gauge("kafka.stream.state.size.all.mem.tables", Tags.of("rocksdb.state.id", "day-totals"), 3);

        assertThat(registry.getMeters()).hasSize(3);
        assertThat(registry.scrape())
                .contains("rocksdb_state_id=\"day-totals\"")
                .contains("rocksdb_window_state_id=\"seen-event-ids\"");
    }
}
