package io.sentisphere.pipeline.broadcast.push;

import java.time.Instant;

/**
 * What {@code /health} reports about Pusher: when it last answered, the last failure, and how many
 * channels hold a state not yet delivered.
 */
public record DeliveryState(
        Instant lastAnsweredAt,
        Instant lastFailureAt,
        String lastFailure,
        int consecutiveFailures,
        int undeliveredChannels) {}
