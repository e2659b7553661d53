package io.sentisphere.pipeline.local;

import io.sentisphere.pipeline.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics of docs/contract.md with their cleanup policies; idempotent. */
public final class ContractTopics {

    private ContractTopics() {}

    public static List<NewTopic> definitions() {
        return List.of(
                new NewTopic(Topics.EVENTS, Topics.EVENTS_PARTITIONS, (short) 1)
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(Topics.EVENTS_RETENTION.toMillis()))),
                new NewTopic(Topics.STATS, 1, (short) 1).configs(Topics.STATS_CONFIG),
                new NewTopic(Topics.EVENTS_DLQ, 1, (short) 1)
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(Topics.EVENTS_RETENTION.toMillis()))));
    }

    /** Creates every missing contract topic; existing ones are left as they are. */
    public static void create(String bootstrapServers) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : definitions()) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + topic.name() + " failed", e.getCause());
                    }
                }
            }
        }
    }
}
