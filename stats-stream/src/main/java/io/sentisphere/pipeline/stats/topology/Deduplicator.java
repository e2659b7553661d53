package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.stats.topology.stores.SeenIds;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The dedupe step: forwards an event only the first time its {@code id} is seen within
 * {@link StatsTopology#DEDUPE_WINDOW} of record time (ids kept in their own changelogged window
 * store, so the guarantee holds across crashes under exactly-once; {@link SeenIds} answers new ids
 * from Bloom filters without a store seek). An incomplete event is refused
 * first ({@link CompleteEvents}: the processing exception handler dead-letters it), so its id is
 * not taken. Counts duplicates ({@code duplicate-events}) and the look-ups the filters could not
 * answer alone ({@code dedupe-store-lookups}: about duplicates plus 1 % of new ids; far more means
 * the filters are too full or ids repeat).
 */
final class Deduplicator implements FixedKeyProcessor<String, EventEnvelope, EventEnvelope> {

    private FixedKeyProcessorContext<String, EventEnvelope> context;
    private SeenIds seenIds;
    private Sensor duplicates;

    @Override
    public void init(FixedKeyProcessorContext<String, EventEnvelope> context) {
        this.context = context;
        duplicates = context.metrics()
                .addRateTotalSensor("stats", "stats-processor", "duplicate-events", Sensor.RecordingLevel.INFO);
        Sensor storeLookups = context.metrics()
                .addRateTotalSensor("stats", "stats-processor", "dedupe-store-lookups", Sensor.RecordingLevel.INFO);
        seenIds = new SeenIds(
                context.getStateStore(StatsTopology.SEEN_IDS),
                StatsTopology.DEDUPE_WINDOW.toMillis(),
                StatsTopology.DEDUPE_AHEAD.toMillis(),
                StatsTopology.SEEN_IDS_RETENTION.toMillis(),
                storeLookups::record);
    }

    @Override
    public void process(FixedKeyRecord<String, EventEnvelope> record) {
        EventEnvelope event = record.value();
        if (event == null) {
            return;
        }
        CompleteEvents.require(event);
        if (seenIds.seenBefore(event.id(), record.timestamp())) {
            duplicates.record();
            return;
        }
        context.forward(record);
    }
}
