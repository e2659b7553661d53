package io.sentisphere.pipeline.bench;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A {@code read_committed} reader of {@code dashboard.stats.v1} in the bench's own process, reading
 * as broadcast-service does: when each {@code this_week} count became visible to a committed
 * reader. It splits a check-in's freshness into "until the stats are committed" and "from the
 * committed stats to the dashboard". Starts at the topic's end.
 */
final class CommittedStats implements AutoCloseable {

    /** One {@code this_week} record: its count and when this reader received it (epoch ms). */
    record Seen(long thisWeek, long atMillis) {}

    static final TopicPartition PARTITION = new TopicPartition(Topics.STATS, 0);

    private final List<Seen> seen = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    CommittedStats(String bootstrapServers) {
        KafkaConsumer<String, String> consumer = atEnd(bootstrapServers);
        thread = new Thread(() -> read(consumer), "committed-stats");
        thread.setDaemon(true);
        thread.start();
    }

    /** A {@code read_committed} consumer of {@code dashboard.stats.v1}, positioned at its end now. */
    static KafkaConsumer<String, String> atEnd(String bootstrapServers) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.assign(List.of(PARTITION));
        consumer.seekToEnd(List.of(PARTITION));
        consumer.position(PARTITION);
        return consumer;
    }

    private void read(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if ("this_week".equals(record.key())) {
                        long count = ContractJson.mapper()
                                .readValue(record.value(), StatsUpdate.class)
                                .stats()
                                .rangeCheckins();
                        synchronized (seen) {
                            seen.add(new Seen(count, System.currentTimeMillis()));
                            seen.notifyAll();
                        }
                    }
                }
            }
        }
    }

    /**
     * For each k, when a count ≥ {@code base + k + 1} was first seen; waits up to a minute for the
     * count that includes all {@code events}.
     *
     * @throws IllegalStateException when this reader has not seen it by then
     */
    long[] firstSeen(long base, int events) throws InterruptedException {
        long[] at = new long[events];
        int k = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        synchronized (seen) {
            while (seen.isEmpty() || seen.get(seen.size() - 1).thisWeek() < base + events) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the committed stats never counted " + (base + events));
                }
                seen.wait(Math.max(1, left / 1_000_000));
            }
            for (Seen s : seen) {
                while (k < events && s.thisWeek() - base > k) {
                    at[k++] = s.atMillis();
                }
            }
        }
        return at;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
