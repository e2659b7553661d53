package io.sentisphere.pipeline.contracts.events;

import io.sentisphere.pipeline.contracts.stats.StatsRange;
import java.util.Optional;

/**
 * {@code dashboard.refresh_requested}: the legacy notify-update webhook. The current stats of
 * {@code range} are broadcast again with {@code reason}; nothing is counted.
 */
public record RefreshRequested(String reason, StatsRange range) implements EventData {

    /** The reason used when the webhook names none, as the old endpoint did. */
    public static final String DEFAULT_REASON = "webhook";

    @Override
    public EventType type() {
        return EventType.REFRESH_REQUESTED;
    }

    @Override
    public Optional<Long> subjectUser() {
        return Optional.empty();
    }
}
