package io.sentisphere.pipeline.contracts.events;

import java.time.OffsetDateTime;

/**
 * The full current state of an alert, carried by both {@code alert.created} and
 * {@code alert.updated}: the latest event for an {@code alertId} wins.
 *
 * <p>{@code name} is a student's name: it travels only to private channels and is never logged.
 */
public sealed interface AlertChange extends EventData permits AlertCreated, AlertUpdated {

    long alertId();

    Long userId();

    String name();

    AlertSeverity severity();

    AlertStatus status();

    String reason();

    OffsetDateTime createdAt();
}
