package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** An alert's status. */
public enum AlertStatus implements WireEnum {
    OPEN("open"),
    IN_PROGRESS("in_progress"),
    RESOLVED("resolved");

    private final String wire;

    AlertStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
