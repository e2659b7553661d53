package io.sentisphere.pipeline.local;

import io.sentisphere.pipeline.contracts.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics of docs/contract.md with their settings, for one cluster layout: the one definition
 * that the local stack, the tests, the benches, {@code bin/create-topics} and docker-compose use.
 */
public final class ContractTopics {

    /**
     * How the topics are laid out on a cluster.
     *
     * @param eventsPartitions partitions of {@code dashboard.events.v1} (stats-stream repartitions
     *     a topic with more than one; the stats and dead-letter topics always have one)
     * @param replicationFactor replicas of every partition
     * @param minInsyncReplicas {@code min.insync.replicas}, or 0 to leave the broker's default
     */
    public record Layout(int eventsPartitions, short replicationFactor, int minInsyncReplicas) {

        /** One broker: the local stack, tests and benches. */
        public static final Layout SINGLE_BROKER = new Layout(Topics.EVENTS_PARTITIONS, (short) 1, 0);

        /** Three brokers: every acknowledged write is on two of them before the producer hears back. */
        public static final Layout REPLICATED = new Layout(Topics.EVENTS_PARTITIONS, (short) 3, 2);

        public Layout {
            if (eventsPartitions < 1) {
                throw new IllegalArgumentException("events partitions must be at least 1");
            }
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("replication factor must be at least 1");
            }
            if (minInsyncReplicas < 0 || minInsyncReplicas > replicationFactor) {
                throw new IllegalArgumentException(
                        "min.insync.replicas must be between 0 (the broker's default) and the replication factor "
                                + replicationFactor);
            }
        }

        /** This layout with {@code partitions} partitions of {@code dashboard.events.v1}. */
        public Layout withEventsPartitions(int partitions) {
            return new Layout(partitions, replicationFactor, minInsyncReplicas);
        }
    }

    private ContractTopics() {}

    /** The definitions for one broker. */
    public static List<NewTopic> definitions() {
        return definitions(Layout.SINGLE_BROKER);
    }

    public static List<NewTopic> definitions(Layout layout) {
        Map<String, String> deleteAfterRetention = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(Topics.EVENTS_RETENTION.toMillis()));
        return List.of(
                topic(Topics.EVENTS, layout.eventsPartitions(), layout, deleteAfterRetention),
                topic(Topics.STATS, 1, layout, Topics.STATS_CONFIG),
                topic(Topics.EVENTS_DLQ, 1, layout, deleteAfterRetention));
    }

    private static NewTopic topic(String name, int partitions, Layout layout, Map<String, String> configs) {
        Map<String, String> all = new HashMap<>(configs);
        if (layout.minInsyncReplicas() > 0) {
            all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(layout.minInsyncReplicas()));
        }
        return new NewTopic(name, partitions, layout.replicationFactor()).configs(Map.copyOf(all));
    }

    /** Creates every missing contract topic for one broker; existing ones are left as they are. */
    public static void create(String bootstrapServers) throws InterruptedException {
        create(bootstrapServers, Layout.SINGLE_BROKER);
    }

    /**
     * Creates every missing contract topic laid out as {@code layout}; existing ones are left as
     * they are, never altered silently ({@code bin/create-topics} reports how they differ).
     *
     * @throws IllegalStateException when the cluster refuses a request (the message says why)
     */
    public static void create(String bootstrapServers, Layout layout) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicProvisioner(admin).apply(definitions(layout), false);
        }
    }
}
