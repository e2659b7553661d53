package io.sentisphere.pipeline.broadcast.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code dashboard.stats.v1} ({@code read_committed}, so only stats-stream's committed
 * transactions) from the beginning on every start, without a consumer group: the topic is
 * compacted and small. Until it has caught up with the end offsets seen at start it only records
 * the newest state per range; then it hands each range's newest state to {@code onUpdate} once
 * (so a restart re-sends the latest state of every range, not the history), and afterwards every
 * new record as it arrives.
 *
 * <p>Until then {@link LatestStats} answers nothing (the service is not ready: {@code /health}
 * reports {@code statsFeed} OUT_OF_SERVICE and {@code /api/dashboard/current} answers 503), so no
 * dashboard ever sees a state from the topic's history. Start-up reads what compaction left
 * (one record per range plus the not yet compacted tail, bounded by the topic's
 * {@code segment.ms} and {@code segment.bytes}), not the whole history.
 *
 * <p>An unreadable record is counted ({@code broadcast.stats.invalid}) and logged by offset, never
 * by content, and skipped.
 */
public final class StatsFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatsFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final LatestStats latest;
    private final Consumer<StatsUpdate> onUpdate;
    private final Counter consumed;
    private final Counter invalid;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile boolean stopped;
    private volatile long readAtStart;

    public StatsFeed(
            String bootstrapServers, LatestStats latest, Consumer<StatsUpdate> onUpdate, MeterRegistry registry) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "broadcast-service-stats");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(props);
        this.latest = latest;
        this.onUpdate = onUpdate;
        this.consumed = registry.counter("broadcast.stats.consumed");
        this.invalid = registry.counter("broadcast.stats.invalid");
        registry.gauge("broadcast.stats.startup.records", this, feed -> feed.readAtStart);
        this.thread = new Thread(this::run, "stats-feed");
        thread.setDaemon(true);
    }

    public StatsFeed start() {
        thread.start();
        return this;
    }

    private void run() {
        long started = System.nanoTime();
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            log.info(
                    "reading {} from the beginning ({} records at most before caught up)",
                    Topics.STATS,
                    end.values().stream().mapToLong(Long::longValue).sum());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
                if (!caughtUp && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    latest.markCaughtUp();
                    caughtUp = true;
                    log.info(
                            "caught up with {} after {} record(s) in {} ms: ready; re-sending the latest state of {} "
                                    + "range(s)",
                            Topics.STATS,
                            readAtStart,
                            (System.nanoTime() - started) / 1_000_000,
                            latest.size());
                    latest.all().forEach(onUpdate);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("stats feed stopped", e);
        } finally {
            stopped = true;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        consumed.increment();
        if (!caughtUp) {
            readAtStart++;
        }
        StatsUpdate update;
        try {
            update = ContractJson.mapper().readValue(record.value(), StatsUpdate.class);
        } catch (RuntimeException e) {
            invalid.increment();
            log.warn(
                    "skipping unreadable record {}-{}@{} ({})",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getClass().getSimpleName());
            return;
        }
        if (update == null || update.range() == null || update.stats() == null) {
            invalid.increment();
            log.warn("skipping incomplete record {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        latest.put(update);
        if (caughtUp) {
            onUpdate.accept(update);
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(Topics.STATS, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
                }
                log.warn("topic {} not found yet; retrying in 1 s", Topics.STATS);
                Thread.sleep(1000);
            } catch (TimeoutException e) {
                log.warn("Kafka not reachable yet ({}); retrying", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** True once the history seen at start-up has been read ({@link LatestStats} answers). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** True when the feed thread has ended (closing, or a failure it could not survive). */
    public boolean stopped() {
        return stopped;
    }

    /** Records read before catching up. */
    public long readAtStart() {
        return readAtStart;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
