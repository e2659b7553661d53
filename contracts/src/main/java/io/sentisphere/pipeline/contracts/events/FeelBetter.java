package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A check-in's {@code feel_better} answer. */
public enum FeelBetter implements WireEnum {
    YES("Yes"),
    NO("No"),
    SAME("Same");

    private final String wire;

    FeelBetter(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
