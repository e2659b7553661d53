package io.sentisphere.pipeline.contracts.events;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.OffsetDateTime;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One record of {@code dashboard.events.v1}: {@code {"id", "type", "occurred_at", "data"}}.
 *
 * <p>{@code id} is the idempotency key: consumers must count an id at most once. The JSON
 * {@code type} is derived from {@code data}, so the two can never disagree.
 */
@JsonPropertyOrder({"id", "type", "occurred_at", "data"})
@JsonDeserialize(using = EventEnvelopeDeserializer.class)
public record EventEnvelope(
        String id,
        OffsetDateTime occurredAt,

        @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "type")
        @JsonSubTypes({
            @JsonSubTypes.Type(value = CheckinCreated.class, name = "checkin.created"),
            @JsonSubTypes.Type(value = JournalCreated.class, name = "journal.created"),
            @JsonSubTypes.Type(value = SentimentAnalyzed.class, name = "sentiment.analyzed"),
            @JsonSubTypes.Type(value = AlertCreated.class, name = "alert.created"),
            @JsonSubTypes.Type(value = AlertUpdated.class, name = "alert.updated"),
            @JsonSubTypes.Type(value = ActivityLogged.class, name = "activity.logged"),
            @JsonSubTypes.Type(value = RefreshRequested.class, name = "dashboard.refresh_requested")
        })
        EventData data) {

    /** Longest accepted {@code id}. */
    public static final int MAX_ID_LENGTH = 128;

    /** The event type, from its data (written to JSON as the sibling {@code type} property). */
    public EventType type() {
        return data.type();
    }

    /**
     * The Kafka record key: the student's id when the event has one (so one student's events stay
     * in order on one partition), otherwise the event id.
     */
    public String partitionKey() {
        return data.subjectUser().map(String::valueOf).orElse(id);
    }
}
