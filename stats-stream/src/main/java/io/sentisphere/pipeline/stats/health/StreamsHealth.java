package io.sentisphere.pipeline.stats.health;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code streams}: UP only while the stream is {@code RUNNING}. Every other state
 * (created, rebalancing, pending shutdown, error, not running) is DOWN, so {@code GET /health}
 * answers 503 while stats are not being computed; the state is in the body.
 */
public final class StreamsHealth implements HealthIndicator {

    private final KafkaStreams streams;

    public StreamsHealth(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        return (state == KafkaStreams.State.RUNNING ? Health.up() : Health.down())
                .withDetail("state", state.name())
                .build();
    }
}
