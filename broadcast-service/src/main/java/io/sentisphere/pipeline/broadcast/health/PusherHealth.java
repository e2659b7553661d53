package io.sentisphere.pipeline.broadcast.health;

import io.sentisphere.pipeline.broadcast.push.DeliveryState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code pusher}: UP while Pusher answered a delivery within the last two minutes,
 * or has not failed since it last answered (nothing is sent while no stats change: there is no
 * probe, since Pusher bills every call); DOWN after three failed calls in a row with no answer for
 * two minutes. Details: whether this instance publishes (holds the publisher lease), when Pusher
 * last answered, the last failure, and how many channels hold a state not yet delivered.
 */
public final class PusherHealth implements HealthIndicator {

    private static final Duration RECENT = Duration.ofMinutes(2);

    private final Supplier<DeliveryState> delivery;
    private final BooleanSupplier publishing;
    private final Clock clock;

    /** @param delivery the delivery loop's state, read once per check (one consistent snapshot) */
    public PusherHealth(Supplier<DeliveryState> delivery, BooleanSupplier publishing, Clock clock) {
        this.delivery = delivery;
        this.publishing = publishing;
        this.clock = clock;
    }

    @Override
    public Health health() {
        DeliveryState state = delivery.get();
        Instant answered = state.lastAnsweredAt();
        boolean recent =
                answered != null && Duration.between(answered, clock.instant()).compareTo(RECENT) < 0;
        boolean failing = state.consecutiveFailures() >= 3 || (answered == null && state.lastFailureAt() != null);
        Health.Builder builder = failing && !recent ? Health.down() : Health.up();
        builder.withDetail("publishing", publishing.getAsBoolean());
        builder.withDetail("answeredRecently", recent);
        builder.withDetail("lastAnsweredAt", String.valueOf(answered));
        builder.withDetail("consecutiveFailures", state.consecutiveFailures());
        builder.withDetail("undeliveredChannels", state.undeliveredChannels());
        if (state.lastFailure() != null) {
            builder.withDetail("lastFailure", state.lastFailure() + " at " + state.lastFailureAt());
        }
        return builder.build();
    }
}
