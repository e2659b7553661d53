package io.sentisphere.pipeline.broadcast.health;

import io.sentisphere.pipeline.broadcast.stats.StatsFeed;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code statsFeed}, the service's readiness: OUT_OF_SERVICE (so {@code /health}
 * answers 503) until the feed has read {@code dashboard.stats.v1} up to the end offsets it saw at
 * start-up, UP after that, DOWN if the feed thread ended. A load balancer that routes on
 * {@code /health} thus never sends a dashboard to an instance that would answer from history.
 */
public final class StatsFeedHealth implements HealthIndicator {

    private final StatsFeed feed;

    public StatsFeedHealth(StatsFeed feed) {
        this.feed = feed;
    }

    @Override
    public Health health() {
        Health.Builder builder = feed.stopped() ? Health.down() : feed.caughtUp() ? Health.up() : Health.outOfService();
        return builder.withDetail("caughtUp", feed.caughtUp())
                .withDetail("recordsReadAtStart", feed.readAtStart())
                .build();
    }
}
