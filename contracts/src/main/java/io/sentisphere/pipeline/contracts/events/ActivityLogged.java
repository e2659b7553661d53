package io.sentisphere.pipeline.contracts.events;

import java.util.Optional;

/** A user action, e.g. {@code downloaded_form} on {@code form} (counted as an open appointment). */
public record ActivityLogged(long userId, String action, String targetType) implements EventData {

    @Override
    public EventType type() {
        return EventType.ACTIVITY_LOGGED;
    }

    @Override
    public Optional<Long> subjectUser() {
        return Optional.of(userId);
    }
}
