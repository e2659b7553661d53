package io.sentisphere.pipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
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
    void dockerComposeCreatesEveryTopicWithTheSameSettings() throws IOException {
        String compose = Files.readString(Path.of("../docker-compose.yml"));
        Map<String, Map<String, String>> composed = new HashMap<>();
        Map<String, Integer> partitions = new HashMap<>();
        Matcher topic = TOPIC.matcher(compose);
        while (topic.find()) {
            int end = compose.indexOf("--topic ", topic.end());
            Matcher config = CONFIG.matcher(compose.substring(topic.end(), end < 0 ? compose.length() : end));
            Map<String, String> configs = new HashMap<>();
            while (config.find()) {
                configs.put(config.group(1), config.group(2).replace("&&", ""));
            }
            composed.put(topic.group(1), configs);
            partitions.put(topic.group(1), Integer.parseInt(topic.group(2)));
        }

        for (NewTopic definition : ContractTopics.definitions()) {
            assertThat(composed)
                    .as("docker-compose creates " + definition.name())
                    .containsKey(definition.name());
            assertThat(composed.get(definition.name())).as(definition.name()).isEqualTo(definition.configs());
            assertThat(partitions.get(definition.name())).isEqualTo(definition.numPartitions());
        }
        assertThat(composed).hasSameSizeAs(ContractTopics.definitions());
    }

    private static NewTopic definition(String name) {
        return ContractTopics.definitions().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
