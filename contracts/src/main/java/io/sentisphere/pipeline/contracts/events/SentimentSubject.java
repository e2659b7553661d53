package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a {@code sentiment.analyzed} event is about. */
public enum SentimentSubject implements WireEnum {
    CHECKIN("checkin"),
    JOURNAL("journal");

    private final String wire;

    SentimentSubject(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
