package io.sentisphere.pipeline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic for assertions. Tests share a broker, so they compare against a {@link Mark}
 * taken before acting: "the topic stays empty" is "no record since the mark".
 */
public final class TopicView {

    /** End offsets of every partition at one moment. */
    public record Mark(Map<TopicPartition, Long> offsets) {}

    private final String bootstrapServers;
    private final String topic;
    private final String isolation;

    TopicView(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, "read_uncommitted");
    }

    private TopicView(String bootstrapServers, String topic, String isolation) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.isolation = isolation;
    }

    /** The same topic as a {@code read_committed} reader sees it: only committed transactions. */
    public TopicView committed() {
        return new TopicView(bootstrapServers, topic, "read_committed");
    }

    /** The current end of every partition. */
    public Mark mark() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return new Mark(Map.copyOf(consumer.endOffsets(partitions(consumer))));
        }
    }

    /** Every record written after {@code mark} up to now, by partition then offset. */
    public List<ConsumerRecord<String, String>> recordsSince(Mark mark) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long from = mark.offsets().getOrDefault(tp, 0L);
                consumer.seek(tp, from);
                if (end.get(tp) > from) {
                    remaining.put(tp, end.get(tp));
                }
            }
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TestKafka.PATIENCE.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        records.add(r);
                    }
                }
                remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
            }
            return records;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TestKafka.PATIENCE);
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
