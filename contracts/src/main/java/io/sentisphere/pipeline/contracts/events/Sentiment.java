package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A {@code sentiment.analyzed} result. */
public enum Sentiment implements WireEnum {
    POSITIVE("positive"),
    NEUTRAL("neutral"),
    NEGATIVE("negative"),
    STRONGLY_NEGATIVE("strongly_negative");

    private final String wire;

    Sentiment(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
