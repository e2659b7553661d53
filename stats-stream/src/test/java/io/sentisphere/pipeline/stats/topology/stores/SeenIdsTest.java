package io.sentisphere.pipeline.stats.topology.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filters in front of the seen-ids store change how often the store is asked, never the answer:
 * against the same RocksDB window store asked every time, over weeks of record time with late and
 * early records, duplicates and a restart, every answer is the same; and a new id is answered
 * without a store look-up.
 */
class SeenIdsTest {

    static final long DAY = Duration.ofDays(1).toMillis();
    static final long WINDOW = 7 * DAY;
    static final long AHEAD = DAY;
    static final long RETENTION = WINDOW + AHEAD;
    static final long START = 1_764_547_200_000L; // 2025-12-01T00:00Z

    @TempDir
    Path stateDir;

    TopologyTestDriver driver;
    TestInputTopic<String, String> ids;
    /** The one under test, the store it writes, and the same kind of store asked every time. */
    SeenIds seen;

    WindowStore<String, Long> filtered;
    WindowStore<String, Long> reference;
    int firstFilterIds = SeenIds.FIRST_FILTER_IDS;
    Runnable scenario;
    boolean expected;

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void answersExactlyAsTheStoreAskedEveryTimeAcrossGenerationsLateRecordsAndARestart() {
        // Small filters, so generations grow several filters and old ones are dropped.
        firstFilterIds = 64;
        givenStores();
        inTask(() -> {
            SplittableRandom random = new SplittableRandom(14);
            long now = START;
            int duplicates = 0;
            for (int i = 0; i < 40_000; i++) {
                if (i == 20_000) {
                    restart(); // loaded from the store
                }
                now += random.nextLong(2 * 60_000); // ~40 days of record time in all
                long timestamp = switch (random.nextInt(10)) {
                    case 0 -> now - random.nextLong(10 * DAY); // late, up to past the window
                    case 1 -> now + random.nextLong(2 * DAY); // early, up to past the look-ahead
                    default -> now;
                };
                String id = "evt-" + random.nextInt(6_000); // ids come back, within the window and after it

                assertThat(seenBefore(id, timestamp))
                        .as("event %d: %s at %d", i, id, timestamp)
                        .isEqualTo(expected);
                duplicates += expected ? 1 : 0;
            }
            assertThat(duplicates).as("the sequence has duplicates to find").isGreaterThan(5_000);
            assertThat(seen.generations())
                    .as("generations past retention are dropped")
                    .isLessThanOrEqualTo(3);
        });
    }

    @Test
    void aNewIdIsAnsweredWithoutAStoreLookupAndADuplicateIsFoundInTheStore() {
        givenStores();
        inTask(() -> {
            for (int i = 0; i < 10_000; i++) {
                assertThat(seenBefore("new-" + i, START + i)).isFalse();
            }
            assertThat(seen.storeLookups())
                    .as("false positives only (1 %% aimed at)")
                    .isLessThan(300);

            long before = seen.storeLookups();
            assertThat(seenBefore("new-17", START + DAY)).isTrue();
            assertThat(seen.storeLookups()).isEqualTo(before + 1);
        });
    }

    @Test
    void anIdStoredBeforeARestartIsStillSeenAndOneOlderThanTheWindowIsNot() {
        givenStores();
        inTask(() -> {
            seenBefore("checkin-1", START);

            restart();

            assertThat(seenBefore("checkin-1", START + WINDOW)).isTrue();
            assertThat(seenBefore("checkin-1", START + WINDOW + 1)).isFalse();
        });
    }

    /**
     * Runs {@code scenario} inside a stream task's processing of one record (the stores are
     * RocksDB-backed, as in production; the driver would flush them after every record).
     */
    private void inTask(Runnable scenario) {
        this.scenario = scenario;
        ids.pipeInput("run", "", Instant.ofEpochMilli(START));
    }

    /** Asks both: returns the filtered answer, keeps the reference's in {@link #expected}. */
    private boolean seenBefore(String id, long timestamp) {
        expected = referenceSeenBefore(id, timestamp);
        return seen.seenBefore(id, timestamp);
    }

    /** A new {@link SeenIds} over the same store, as a restarted processor builds it. */
    private void restart() {
        seen = new SeenIds(filtered, WINDOW, AHEAD, RETENTION, firstFilterIds, () -> {});
    }

    private void givenStores() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(store("filtered"));
        builder.addStateStore(store("reference"));
        builder.stream("ids", Consumed.with(Serdes.String(), Serdes.String()))
                .process(
                        () -> new Processor<String, String, Void, Void>() {
                            @Override
                            public void init(ProcessorContext<Void, Void> context) {
                                filtered = context.getStateStore("filtered");
                                reference = context.getStateStore("reference");
                                seen = new SeenIds(filtered, WINDOW, AHEAD, RETENTION, firstFilterIds, () -> {});
                            }

                            @Override
                            public void process(Record<String, String> record) {
                                scenario.run();
                            }
                        },
                        "filtered",
                        "reference");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "seen-ids-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config);
        ids = driver.createInputTopic("ids", new StringSerializer(), new StringSerializer());
    }

    private boolean referenceSeenBefore(String id, long timestamp) {
        try (WindowStoreIterator<Long> it = reference.fetch(id, timestamp - WINDOW, timestamp + AHEAD)) {
            if (it.hasNext()) {
                return true;
            }
        }
        reference.put(id, timestamp, timestamp);
        return false;
    }

    private static org.apache.kafka.streams.state.StoreBuilder<WindowStore<String, Long>> store(String name) {
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(name, Duration.ofMillis(RETENTION), Duration.ofMillis(1), false),
                        Serdes.String(),
                        Serdes.Long())
                .withLoggingDisabled();
    }
}
