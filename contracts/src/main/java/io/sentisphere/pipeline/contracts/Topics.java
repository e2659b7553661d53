package io.sentisphere.pipeline.contracts;

import java.time.Duration;

/**
 * Kafka topic names and their fixed settings, as {@code shared/CONTRACTS.md} defines them.
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

    private Topics() {
    }
}
