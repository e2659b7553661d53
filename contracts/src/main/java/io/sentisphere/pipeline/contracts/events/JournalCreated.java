package io.sentisphere.pipeline.contracts.events;

import java.util.Optional;

/** A journal entry was written. Its content never leaves the backend. */
public record JournalCreated(long journalId, long userId) implements EventData {

    @Override
    public EventType type() {
        return EventType.JOURNAL_CREATED;
    }

    @Override
    public Optional<Long> subjectUser() {
        return Optional.of(userId);
    }
}
