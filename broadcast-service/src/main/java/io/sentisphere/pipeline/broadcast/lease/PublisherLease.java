package io.sentisphere.pipeline.broadcast.lease;

import io.sentisphere.pipeline.contracts.Topics;
import io.sentisphere.pipeline.service.kafka.GroupHeartbeat;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance publishes, decided by Kafka's group coordination: every instance joins one
 * consumer group on the one-partition {@code dashboard.stats.v1}, and the member assigned that
 * partition holds the lease. Nothing is read through this consumer (the partition is paused at
 * once; the stats come from each instance's own {@code StatsFeed}) and no offset is committed: the
 * group exists only to elect.
 *
 * <p>Guarantees: at most one member of a healthy group holds the partition, so in steady state one
 * instance publishes. A clean shutdown leaves the group and the other instance takes over at once;
 * a crashed holder is replaced once its session times out ({@code BROADCAST_SESSION_TIMEOUT_MS}).
 * Hazard: a holder that stalls longer than its session (a long GC pause, a frozen VM) may publish
 * once more after it lost the lease before it learns so; a Pusher event being idempotent state,
 * that costs one duplicate message, never a wrong dashboard.
 */
public final class PublisherLease implements AutoCloseable {

    /** Told when this instance gains or loses the lease; called on the lease thread. */
    public interface Holder {
        void granted();

        void revoked();
    }

    private static final Logger log = LoggerFactory.getLogger(PublisherLease.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Holder holder;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean held;

    public PublisherLease(String bootstrapServers, String group, Duration sessionTimeout, Holder holder) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "broadcast-service-lease");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        // Frequent heartbeats: the surviving instance learns of a rebalance at its next one, so this
        // bounds the takeover's delay after the group notices the dead holder.
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, GroupHeartbeat.intervalMillis(sessionTimeout));
        // Sticky and cooperative: an instance joining does not take the lease from the holder (only a
        // partition that moves is revoked), so starting a second instance causes no handover.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(props);
        this.holder = holder;
        this.thread = new Thread(this::run, "publisher-lease");
        thread.setDaemon(true);
    }

    public PublisherLease start() {
        thread.start();
        return this;
    }

    /** Whether this instance holds the lease now. */
    public boolean held() {
        return held;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.STATS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        consumer.pause(partitions);
                        acquire();
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        release("revoked");
                    }
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        release("lost (session expired)");
                    }
                }
            });
            while (running) {
                // Paused: returns no records, but keeps this member in the group and runs rebalances.
                consumer.poll(Duration.ofMillis(500));
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("publisher lease stopped; this instance no longer publishes", e);
        } finally {
            release("closing");
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void acquire() {
        if (!held) {
            held = true;
            log.info("this instance now publishes to Pusher (holds the {} lease)", Topics.STATS);
            holder.granted();
        }
    }

    private void release(String why) {
        if (held) {
            held = false;
            log.info("this instance stops publishing to Pusher: lease {}", why);
            holder.revoked();
        }
    }

    /** Stops publishing, then leaves the group so another instance takes over at once. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
