package io.sentisphere.pipeline.broadcast.push;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How Pusher has been answering, held in one atomic value: the delivery thread replaces it whole
 * after each call, so a reader (health) never sees a failure count from one call with the time of
 * another.
 */
final class DeliveryStatus {

    private record Snapshot(
            Instant lastAnsweredAt, Instant lastFailureAt, String lastFailure, int consecutiveFailures) {}

    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(null, null, null, 0));

    /** Pusher answered (accepted or refused the call): the failure streak ends. */
    void answered(Instant at) {
        current.updateAndGet(s -> new Snapshot(at, s.lastFailureAt(), s.lastFailure(), 0));
    }

    void failed(Instant at, String failure) {
        current.updateAndGet(s -> new Snapshot(s.lastAnsweredAt(), at, failure, s.consecutiveFailures() + 1));
    }

    DeliveryState snapshot(int undeliveredChannels) {
        Snapshot s = current.get();
        return new DeliveryState(
                s.lastAnsweredAt(), s.lastFailureAt(), s.lastFailure(), s.consecutiveFailures(), undeliveredChannels);
    }
}
