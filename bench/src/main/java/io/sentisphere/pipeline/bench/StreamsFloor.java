package io.sentisphere.pipeline.bench;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The floor under stats-stream's catch-up: minimal Kafka Streams applications, exactly-once v2,
 * on the same events topic, each doing a strict subset of stats-stream's per-event work. Run by
 * {@code bench/stats} with {@code BENCH_FLOOR=parse,repartition,dedupe} in its own JVM with the
 * same heap and GC as stats-stream. Their catch-up rate bounds what any design of stats-stream can
 * reach on this machine.
 *
 * <ul>
 *   <li>{@code read}: bytes in, nothing done (the cost of Streams + exactly-once alone);</li>
 *   <li>{@code parse}: each envelope parsed with the contract's Jackson mapping;</li>
 *   <li>{@code repartition}: parsed, re-keyed and sent through a one-partition repartition topic;</li>
 *   <li>{@code dedupe}: parsed, its id looked up and put in a changelogged, cached key-value store
 *       (RocksDB); {@code dedupe-mem}: the same in memory; {@code dedupe-nolog}: without changelog
 *       (not exact after a crash: only to price the changelog); {@code dedupe-nocache}: no record cache;
 *       {@code dedupe-window}: stats-stream's window store of ids, fetched over 7 days;
 *       {@code dedupe-window-day}: that, and a count per event day read and written back in a
 *       changelogged, cached key-value store, the least state an exact per-day aggregate writes
 *       per event.</li>
 * </ul>
 *
 * <p>Arguments: bootstrap servers, variant, and optionally the application id (default {@code
 * floor-<variant>}; a second run on the same topic needs a new one, or it resumes where the first
 * stopped). Prints
 * {@value #RUNNING_MARKER} on a line of its own when Kafka Streams reaches {@code RUNNING}.
 */
public final class StreamsFloor {

    /** The line printed when the application reaches {@code RUNNING}. */
    static final String RUNNING_MARKER = "FLOOR RUNNING";

    /** stats-stream's dedupe window, and how far ahead of the record time it also looks. */
    private static final long WINDOW_MILLIS = Duration.ofDays(7).toMillis();

    private static final long AHEAD_MILLIS = Duration.ofDays(1).toMillis();

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        String variant = args[1];
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args.length > 2 ? args[2] : "floor-" + variant);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("floor").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

        Serde<EventEnvelope> envelopes = Serdes.serdeFrom(
                (topic, value) -> ContractJson.mapper().writeValueAsBytes(value),
                (topic, bytes) -> ContractJson.mapper().readValue(bytes, EventEnvelope.class));
        StreamsBuilder builder = new StreamsBuilder();
        long[] count = {0};
        switch (variant) {
            case "read" ->
                builder.stream(Topics.EVENTS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                        .foreach((k, v) -> count[0]++);
            case "parse" ->
                builder.stream(Topics.EVENTS, Consumed.with(Serdes.String(), envelopes))
                        .foreach((k, v) -> count[0]++);
            case "repartition" ->
                builder.stream(Topics.EVENTS, Consumed.with(Serdes.String(), envelopes))
                        .selectKey((k, v) -> "all")
                        .repartition(
                                Repartitioned.with(Serdes.String(), envelopes).withNumberOfPartitions(1))
                        .foreach((k, v) -> count[0]++);
            case "dedupe", "dedupe-mem", "dedupe-nolog", "dedupe-nocache" -> {
                var store = Stores.keyValueStoreBuilder(
                        variant.equals("dedupe-mem")
                                ? Stores.inMemoryKeyValueStore("ids")
                                : Stores.persistentKeyValueStore("ids"),
                        Serdes.String(),
                        Serdes.Long());
                if (!variant.equals("dedupe-nocache")) {
                    store.withCachingEnabled();
                }
                if (variant.equals("dedupe-nolog")) {
                    store.withLoggingDisabled();
                }
                builder.addStateStore(store);
                builder.stream(Topics.EVENTS, Consumed.with(Serdes.String(), envelopes))
                        .process(
                                () -> new Processor<String, EventEnvelope, Void, Void>() {
                                    private KeyValueStore<String, Long> ids;

                                    @Override
                                    public void init(
                                            org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void>
                                                    context) {
                                        ids = context.getStateStore("ids");
                                    }

                                    @Override
                                    public void process(Record<String, EventEnvelope> record) {
                                        if (ids.get(record.value().id()) == null) {
                                            ids.put(record.value().id(), record.timestamp());
                                        }
                                    }
                                },
                                "ids");
            }
            case "dedupe-window", "dedupe-window-day" -> {
                // stats-stream's own dedupe: a window store of ids, fetched over the last 7 days per event.
                builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore("ids", Duration.ofDays(8), Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.Long()));
                boolean countDays = variant.equals("dedupe-window-day");
                if (countDays) {
                    builder.addStateStore(Stores.keyValueStoreBuilder(
                                    Stores.persistentKeyValueStore("days"), Serdes.String(), Serdes.Long())
                            .withCachingEnabled());
                }
                builder.stream(Topics.EVENTS, Consumed.with(Serdes.String(), envelopes))
                        .process(
                                () -> new Processor<String, EventEnvelope, Void, Void>() {
                                    private WindowStore<String, Long> ids;
                                    private KeyValueStore<String, Long> days;

                                    @Override
                                    public void init(
                                            org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void>
                                                    context) {
                                        ids = context.getStateStore("ids");
                                        days = countDays ? context.getStateStore("days") : null;
                                    }

                                    @Override
                                    public void process(Record<String, EventEnvelope> record) {
                                        // The long-based fetch, as stats-stream's Deduplicator calls it.
                                        try (WindowStoreIterator<Long> seen = ids.fetch(
                                                record.value().id(),
                                                record.timestamp() - WINDOW_MILLIS,
                                                record.timestamp() + AHEAD_MILLIS)) {
                                            if (seen.hasNext()) {
                                                return;
                                            }
                                        }
                                        ids.put(record.value().id(), record.timestamp(), record.timestamp());
                                        if (days != null) {
                                            String day = record.value()
                                                    .occurredAt()
                                                    .toLocalDate()
                                                    .toString();
                                            Long count = days.get(day);
                                            days.put(day, count == null ? 1 : count + 1);
                                        }
                                    }
                                },
                                countDays ? new String[] {"ids", "days"} : new String[] {"ids"});
            }
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    System.out.println(RUNNING_MARKER);
                }
            });
            streams.start();
            stop.await();
            streams.close(Duration.ofSeconds(5));
        }
    }
}
