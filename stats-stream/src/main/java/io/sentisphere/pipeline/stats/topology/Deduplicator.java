package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The dedupe step: forwards an event only the first time its {@code id} is seen within
 * {@link StatsTopology#DEDUPE_WINDOW} of record time (ids kept in their own changelogged window
 * store, so the guarantee holds across crashes under exactly-once). An incomplete event is refused
 * first ({@link CompleteEvents}: the processing exception handler dead-letters it), so its id is
 * not taken. Counts duplicates ({@code duplicate-events}).
 */
final class Deduplicator implements FixedKeyProcessor<String, EventEnvelope, EventEnvelope> {

    private static final long WINDOW_MILLIS = StatsTopology.DEDUPE_WINDOW.toMillis();
    /** Ids seen with a record time up to a day later count too (producers' clocks differ). */
    private static final long AHEAD_MILLIS = Duration.ofDays(1).toMillis();

    private FixedKeyProcessorContext<String, EventEnvelope> context;
    private WindowStore<String, Long> seenIds;
    private Sensor duplicates;

    @Override
    public void init(FixedKeyProcessorContext<String, EventEnvelope> context) {
        this.context = context;
        seenIds = context.getStateStore(StatsTopology.SEEN_IDS);
        duplicates = context.metrics()
                .addRateTotalSensor("stats", "stats-processor", "duplicate-events", Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(FixedKeyRecord<String, EventEnvelope> record) {
        EventEnvelope event = record.value();
        if (event == null) {
            return;
        }
        CompleteEvents.require(event);
        if (seenBefore(event.id(), record.timestamp())) {
            duplicates.record();
            return;
        }
        context.forward(record);
    }

    private boolean seenBefore(String id, long timestamp) {
        // The long-based fetch: the Instant one formats its argument-check message on every call
        // (a fifth of the catch-up's allocations).
        try (WindowStoreIterator<Long> seen = seenIds.fetch(id, timestamp - WINDOW_MILLIS, timestamp + AHEAD_MILLIS)) {
            if (seen.hasNext()) {
                return true;
            }
        }
        seenIds.put(id, timestamp, timestamp);
        return false;
    }
}
