package io.sentisphere.pipeline.stats.health;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code streams}: UP only while the stream is {@code RUNNING}. Every other state
 * (created, rebalancing, pending shutdown, error, not running) is DOWN, so {@code GET /health}
 * answers 503 while stats are not being computed; the state is in the body, with how many active
 * and standby tasks this instance holds (with two instances, the one with {@code activeTasks: 1}
 * computes the stats and the other keeps a warm copy).
 */
public final class StreamsHealth implements HealthIndicator {

    private final KafkaStreams streams;

    public StreamsHealth(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        int active = 0;
        int standby = 0;
        if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
            for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                active += thread.activeTasks().size();
                standby += thread.standbyTasks().size();
            }
        }
        return (state == KafkaStreams.State.RUNNING ? Health.up() : Health.down())
                .withDetail("state", state.name())
                .withDetail("activeTasks", active)
                .withDetail("standbyTasks", standby)
                .build();
    }
}
