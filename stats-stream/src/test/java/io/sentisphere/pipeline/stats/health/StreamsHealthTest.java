package io.sentisphere.pipeline.stats.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.stats.topology.StatsTopology;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthTest {

    @Test
    void isDownWithItsStateUntilTheStreamRuns() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "health-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("health").toString());
        KafkaStreams streams = new KafkaStreams(
                StatsTopology.build(ZoneId.of("Asia/Manila"), Clock.systemUTC(), Duration.ofMillis(100)), props);
        try {
            assertThat(new StreamsHealth(streams).health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(new StreamsHealth(streams).health().getDetails()).containsEntry("state", "CREATED");
        } finally {
            streams.close(Duration.ofSeconds(5));
        }
        assertThat(new StreamsHealth(streams).health().getDetails()).containsEntry("state", "NOT_RUNNING");
    }
}
