package io.sentisphere.pipeline.contracts.events;

import java.util.Optional;

/**
 * The {@code data} of an event envelope. One record per event type; only the fields that stats
 * need exist here, so free text such as a check-in's comment or a journal's content can never be
 * written to Kafka.
 */
public sealed interface EventData
        permits CheckinCreated, JournalCreated, SentimentAnalyzed, AlertChange, ActivityLogged, RefreshRequested {

    /** The event type this data belongs to. */
    EventType type();

    /** The student the event is about, when there is one; used as the record key. */
    Optional<Long> subjectUser();
}
