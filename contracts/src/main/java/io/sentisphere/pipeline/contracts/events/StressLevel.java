package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A check-in's {@code stress_level}. */
public enum StressLevel implements WireEnum {
    NO_STRESS("No Stress"),
    LOW_STRESS("Low Stress"),
    MODERATE("Moderate"),
    HIGH_STRESS("High Stress"),
    VERY_HIGH_STRESS("Very High Stress");

    private final String wire;

    StressLevel(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
