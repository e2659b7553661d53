package io.sentisphere.pipeline.contracts.events;

import java.time.OffsetDateTime;
import java.util.Optional;

/** {@code alert.updated}: see {@link AlertChange}. */
public record AlertUpdated(
        long alertId,
        Long userId,
        String name,
        AlertSeverity severity,
        AlertStatus status,
        String reason,
        OffsetDateTime createdAt)
        implements AlertChange {

    @Override
    public EventType type() {
        return EventType.ALERT_UPDATED;
    }

    @Override
    public Optional<Long> subjectUser() {
        return Optional.ofNullable(userId);
    }
}
