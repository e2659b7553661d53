package io.sentisphere.pipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The topic definitions: compaction that actually runs, and docker-compose creating the same topics. */
class ContractTopicsTest {

    private static final Pattern TOPIC = Pattern.compile("--topic (\\S+) --partitions (\\d+)");
    private static final Pattern CONFIG = Pattern.compile("--config (\\S+)=(\\S+)");

    @Test
    void theStatsTopicRollsAndCompactsItsSegments() {
        NewTopic stats = definition(Topics.STATS);

        assertThat(stats.configs())
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("segment.ms", "600000")
                .containsEntry("segment.bytes", "8388608")
                .containsEntry("min.cleanable.dirty.ratio", "0.1")
                .containsEntry("max.compaction.lag.ms", "900000");
    }

    @Test
    void dockerComposeCreatesTheTopicsWithTheSameDefinitions() throws IOException {
        String compose = Files.readString(Path.of("../docker-compose.yml"));
        String topics = compose.substring(compose.indexOf("\n  topics:"), compose.indexOf("\n  ingest-service:"));

        assertThat(topics)
                .as("the topics service runs bin/create-topics' image")
                .contains("build: ./local-stack")
                .contains("\"--bootstrap-server\", \"kafka:29092\", \"--replication-factor\", \"1\"");
        assertThat(compose).as("no second definition of the topics").doesNotContain("kafka-topics.sh --create");
    }

    @Test
    void theReplicatedLayoutAddsTwoInSyncReplicasToEveryTopic() {
        assertThat(ContractTopics.definitions(ContractTopics.Layout.REPLICATED))
                .allSatisfy(topic -> {
                    assertThat(topic.replicationFactor()).isEqualTo((short) 3);
                    assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
                })
                .extracting(NewTopic::name)
                .containsExactlyElementsOf(ContractTopics.definitions().stream()
                        .map(NewTopic::name)
                        .toList());
        assertThat(ContractTopics.definitions())
                .allSatisfy(topic -> assertThat(topic.configs()).doesNotContainKey("min.insync.replicas"));
    }

    private static NewTopic definition(String name) {
        return ContractTopics.definitions().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
