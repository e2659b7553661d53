package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.events.EventData;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.stats.testing.MutableClock;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The stats topology under {@link TopologyTestDriver}, no broker: events in, stats updates out,
 * with a wall clock the test moves. Reads as given/when/then in tests.
 */
final class StatsDriver implements AutoCloseable {

    static final Duration EMIT = Duration.ofMillis(100);

    private final MutableClock clock;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> events;
    private final TestOutputTopic<String, StatsUpdate> stats;
    private final List<StatsUpdate> emitted = new ArrayList<>();
    private int sequence;

    StatsDriver(ZoneId zone, Instant now) {
        this(zone, now, 1);
    }

    /** @param eventPartitions the events topic's partition count the topology is built for */
    StatsDriver(ZoneId zone, Instant now, int eventPartitions) {
        clock = new MutableClock(now);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stats-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        try {
            props.put(
                    StreamsConfig.STATE_DIR_CONFIG,
                    Files.createTempDirectory("stats-ttd").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(StatsTopology.build(zone, clock, EMIT, eventPartitions), props, now);
        events = driver.createInputTopic(Topics.EVENTS, new StringSerializer(), new StringSerializer());
        stats = driver.createOutputTopic(
                Topics.STATS,
                new StringDeserializer(),
                JsonSerde.of(StatsUpdate.class).deserializer());
    }

    /** Sends one event with a fresh id. */
    String send(String occurredAt, EventData data) {
        String id = "e" + (++sequence);
        send(id, occurredAt, data);
        return id;
    }

    void send(String id, String occurredAt, EventData data) {
        EventEnvelope event = new EventEnvelope(id, OffsetDateTime.parse(occurredAt), data);
        events.pipeInput(event.partitionKey(), ContractJson.mapper().writeValueAsString(event), clock.instant());
    }

    /** One of stats-stream's own metrics (scope {@code stats}), e.g. {@code duplicate-events-total}. */
    double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-stats-metrics")
                        && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    void sendRaw(String json) {
        events.pipeInput("k", json, clock.instant());
    }

    /** Lets wall-clock time pass (punctuators run) and collects what was emitted meanwhile. */
    List<StatsUpdate> tick(Duration duration) {
        clock.advance(duration);
        driver.advanceWallClockTime(duration);
        List<StatsUpdate> out = stats.readValuesToList();
        emitted.addAll(out);
        return out;
    }

    /** What was emitted since the last look, without letting wall-clock time pass. */
    List<StatsUpdate> output() {
        List<StatsUpdate> out = stats.readValuesToList();
        emitted.addAll(out);
        return out;
    }

    List<StatsUpdate> flush() {
        return tick(EMIT);
    }

    /** The latest stats of every range emitted so far. */
    Map<StatsRange, DashboardStats> latest() {
        flush();
        Map<StatsRange, DashboardStats> latest = new LinkedHashMap<>();
        emitted.forEach(u -> latest.put(u.range(), u.stats()));
        return latest;
    }

    DashboardStats latest(StatsRange range) {
        return latest().get(range);
    }

    List<StatsUpdate> allEmitted() {
        flush();
        return List.copyOf(emitted);
    }

    @Override
    public void close() {
        driver.close();
    }
}
