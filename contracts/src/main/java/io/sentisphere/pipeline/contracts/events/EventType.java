package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** The {@code type} of an event envelope on {@code dashboard.events.v1}. */
public enum EventType implements WireEnum {
    CHECKIN_CREATED("checkin.created"),
    JOURNAL_CREATED("journal.created"),
    SENTIMENT_ANALYZED("sentiment.analyzed"),
    ALERT_CREATED("alert.created"),
    ALERT_UPDATED("alert.updated"),
    ACTIVITY_LOGGED("activity.logged"),
    REFRESH_REQUESTED("dashboard.refresh_requested");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }
}
