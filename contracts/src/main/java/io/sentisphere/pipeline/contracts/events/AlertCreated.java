package io.sentisphere.pipeline.contracts.events;

import java.time.OffsetDateTime;
import java.util.Optional;

/** {@code alert.created}: see {@link AlertChange}. */
public record AlertCreated(
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
        return EventType.ALERT_CREATED;
    }

    @Override
    public Optional<Long> subjectUser() {
        return Optional.ofNullable(userId);
    }
}
