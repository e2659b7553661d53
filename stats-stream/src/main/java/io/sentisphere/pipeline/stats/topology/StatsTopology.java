package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.stats.domain.AlertState;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code dashboard.events.v1} (→ a one-partition repartition topic when the events topic has more
 * than one partition) → {@link Deduplicator} (its own window store of seen ids) → {@link
 * StatsProcessor} (the stats stores) → {@code dashboard.stats.v1}. The meta store holds two keys
 * with one owner each ({@code StoredStudents}' count, {@code LastDay}'s date). Built by a static
 * method so tests drive it with {@code TopologyTestDriver}, without a broker. Imports no HTTP or Spring types.
 */
public final class StatsTopology {

    static final String SEEN_IDS = "seen-event-ids";
    static final String DAYS = "day-totals";
    static final String ALERTS = "alerts";
    static final String STUDENTS = "students";
    static final String EMITTED = "emitted-stats";
    static final String META = "meta";
    static final String APPOINTMENTS = "appointment-students";

    /** An event id seen again within this window (of record time) changes nothing. */
    public static final Duration DEDUPE_WINDOW = Duration.ofDays(7);

    /** An id seen with a record time up to this much later counts too (producers' clocks differ). */
    static final Duration DEDUPE_AHEAD = Duration.ofDays(1);

    /** How long the seen-ids store keeps an id: the whole look-up range. */
    static final Duration SEEN_IDS_RETENTION = DEDUPE_WINDOW.plus(DEDUPE_AHEAD);

    /** Name of the internal repartition topic (prefixed with the application id). */
    public static final String REPARTITION = "single-partition-events";

    private StatsTopology() {}

    /** The topology for a one-partition events topic (the contract topics' default). */
    public static Topology build(ZoneId zone, Clock clock, Duration emitInterval) {
        return build(zone, clock, emitInterval, 1);
    }

    /**
     * @param zone the time zone whose local days the ranges are made of
     * @param clock the wall clock ranges are evaluated against (injectable so tests cross midnight)
     * @param emitInterval how often marked ranges are recomputed and emitted
     * @param eventPartitions partitions of {@code dashboard.events.v1}. Every stat is global, so one
     *     task must see every event: with one partition the processor reads the topic directly; with
     *     more, events first go through a one-partition repartition topic (an extra write, read and
     *     exactly-once commit per event: about half the catch-up time and one commit interval of
     *     latency). Hazard: adding partitions to the events topic while the app runs would split the
     *     state over several tasks; restart stats-stream after changing the partition count (it then
     *     builds the other topology; stores keep their names, so their changelogs restore them).
     */
    public static Topology build(ZoneId zone, Clock clock, Duration emitInterval, int eventPartitions) {
        Serde<EventEnvelope> events = JsonSerde.of(EventEnvelope.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_IDS, SEEN_IDS_RETENTION, Duration.ofMillis(1), false),
                Serdes.String(),
                Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(persistent(DAYS), Serdes.String(), new DayTotalsSerde())
                .withCachingEnabled());
        // Not cached: ALERTS, STUDENTS and APPOINTMENTS are answered from memory (AlertBook,
        // StoredStudents, AppointmentIndex) and written about once per key; only the newest few alerts
        // are read back. Cached, their entries would fill the shared record cache, evict the entries
        // that are re-read (days, emitted stats) and be promoted to the old generation before eviction
        // (bench/RESULTS.md, issue 14 sessions 11-12).
        builder.addStateStore(
                Stores.keyValueStoreBuilder(persistent(ALERTS), Serdes.Long(), JsonSerde.of(AlertState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(persistent(STUDENTS), Serdes.Long(), Serdes.Long()));
        builder.addStateStore(
                Stores.keyValueStoreBuilder(persistent(EMITTED), Serdes.String(), JsonSerde.of(StatsUpdate.class))
                        .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(persistent(META), Serdes.String(), Serdes.String())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(persistent(APPOINTMENTS), Serdes.String(), Serdes.Long()));

        KStream<String, EventEnvelope> source = builder.stream(
                Topics.EVENTS, Consumed.with(Serdes.String(), events).withName("read-events"));
        if (eventPartitions > 1) {
            source = source.selectKey((key, event) -> "all", Named.as("one-key"))
                    .repartition(Repartitioned.with(Serdes.String(), events)
                            .withName(REPARTITION)
                            .withNumberOfPartitions(1));
        }
        source.processValues(Deduplicator::new, Named.as("dedupe"), SEEN_IDS)
                .process(
                        () -> new StatsProcessor(zone, clock, emitInterval),
                        Named.as("stats"),
                        DAYS,
                        ALERTS,
                        STUDENTS,
                        EMITTED,
                        META,
                        APPOINTMENTS)
                .to(
                        Topics.STATS,
                        Produced.with(Serdes.String(), JsonSerde.of(StatsUpdate.class))
                                .withName("write-stats"));
        return builder.build();
    }

    private static KeyValueBytesStoreSupplier persistent(String name) {
        return Stores.persistentKeyValueStore(name);
    }
}
