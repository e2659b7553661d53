package io.sentisphere.pipeline.contracts.events;

import java.util.Optional;

/** A student's mood check-in. {@code userId} and {@code feelBetter} may be null. */
public record CheckinCreated(
        long checkinId,
        Long userId,
        MoodLevel moodLevel,
        EnergyLevel energyLevel,
        StressLevel stressLevel,
        FeelBetter feelBetter)
        implements EventData {

    @Override
    public EventType type() {
        return EventType.CHECKIN_CREATED;
    }

    @Override
    public Optional<Long> subjectUser() {
        return Optional.ofNullable(userId);
    }
}
