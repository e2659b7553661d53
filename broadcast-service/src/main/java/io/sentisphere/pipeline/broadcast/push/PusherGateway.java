package io.sentisphere.pipeline.broadcast.push;

import java.util.List;

/** Sends up to ten events (channel → data) in one call; the seam tests use to observe delivery. */
public interface PusherGateway {

    /** What to do with the states of a call. */
    enum Outcome {
        /** Pusher accepted them. */
        DELIVERED,
        /** Network error, timeout, 5xx, 429 or an auth failure that configuration can fix: try again later. */
        RETRY,
        /** Pusher refused the request itself (400, 413): retrying the same data cannot succeed. */
        REFUSED
    }

    record Sent(Outcome outcome, Integer httpStatus, String message) {}

    record Item(String channel, String data) {}

    /** Triggers {@code DashboardUpdated} for every item (one {@code batch_events} call when several). */
    Sent send(List<Item> items);
}
