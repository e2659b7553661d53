package io.sentisphere.pipeline.contracts;

import java.time.Duration;
import java.util.Map;

/**
 * Kafka topic names and their fixed settings, as {@code docs/contract.md} defines them.
 *
 * <p>Analysts read these topics directly: renaming one is a breaking change, which is why the
 * names carry a version suffix.
 */
public final class Topics {

    /** Domain events, key = the event's {@code user_id}, or its {@code id} when it has none. */
    public static final String EVENTS = "dashboard.events.v1";

    /** Dashboard stats updates, key = range name; compacted, read with {@code read_committed}. */
    public static final String STATS = "dashboard.stats.v1";

    /**
     * Records of {@link #EVENTS} that stats-stream could not read or process, raw, with headers
     * {@code dlq.reason}, {@code dlq.topic}, {@code dlq.partition}, {@code dlq.offset}.
     */
    public static final String EVENTS_DLQ = "dashboard.events.dlq.v1";

    /**
     * Topic settings of {@link #STATS}, wherever it is created (local stack, tests, docker-compose,
     * production): compacted, and compacted in practice. Kafka never compacts a partition's open
     * segment, and by default a segment stays open for 7 days or 1 GiB, so without these the topic
     * keeps every state ever written and broadcast-service's start-up, which reads it whole, grows
     * with its history. Segments roll every 10 minutes or 8 MiB; the cleaner takes a partition once
     * 10% of it is uncompacted, and at the latest 15 minutes after a record was written. What a
     * reader replays is thus about one record per range plus at most the last ~25 minutes.
     */
    public static final Map<String, String> STATS_CONFIG = Map.of(
            "cleanup.policy", "compact",
            "segment.ms", String.valueOf(Duration.ofMinutes(10).toMillis()),
            "segment.bytes", String.valueOf(8 * 1024 * 1024),
            "min.cleanable.dirty.ratio", "0.1",
            "max.compaction.lag.ms", String.valueOf(Duration.ofMinutes(15).toMillis()));

    /** How long {@link #EVENTS} keeps records. */
    public static final Duration EVENTS_RETENTION = Duration.ofDays(30);

    /**
     * Partition count of {@link #EVENTS} when the local stack or tests create it. One: every
     * dashboard stat is global, so stats-stream needs every event in one task, and with one
     * partition it reads the topic directly instead of through a repartition topic (half the
     * catch-up time, one exactly-once commit less latency). One partition takes far more than the
     * pipeline's rate; a topic with more partitions works too (stats-stream repartitions it).
     */
    public static final int EVENTS_PARTITIONS = 1;

    private Topics() {}
}
