package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A check-in's {@code energy_level}. */
public enum EnergyLevel implements WireEnum {
    LOW("Low"),
    MODERATE("Moderate"),
    HIGH("High");

    private final String wire;

    EnergyLevel(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
