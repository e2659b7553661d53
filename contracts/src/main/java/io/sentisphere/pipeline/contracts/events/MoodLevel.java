package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A check-in's {@code mood_level}. */
public enum MoodLevel implements WireEnum {
    TERRIBLE("Terrible"),
    BAD("Bad"),
    UPSET("Upset"),
    ANXIOUS("Anxious"),
    MEH("Meh"),
    OKAY("Okay"),
    GREAT("Great"),
    LOVED("Loved"),
    AWESOME("Awesome");

    private final String wire;

    MoodLevel(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
