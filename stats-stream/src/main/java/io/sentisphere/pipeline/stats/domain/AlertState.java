package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.events.AlertChange;
import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import java.time.OffsetDateTime;

/**
 * An alert's current state: the {@code alert.created}/{@code alert.updated} with the latest
 * {@code occurred_at} wins (an older update arriving late changes nothing).
 */
public record AlertState(
        long alertId,
        String name,
        AlertSeverity severity,
        AlertStatus status,
        String reason,
        OffsetDateTime createdAt,
        OffsetDateTime version) {

    public static AlertState of(AlertChange change, OffsetDateTime occurredAt) {
        return new AlertState(
                change.alertId(),
                change.name(),
                change.severity(),
                change.status(),
                change.reason(),
                change.createdAt(),
                occurredAt);
    }

    /** High severity and not resolved: counts as a high-risk flag in the ranges holding its creation day. */
    public boolean isHighRisk() {
        return severity == AlertSeverity.HIGH && status != AlertStatus.RESOLVED;
    }
}
