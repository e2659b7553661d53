package io.sentisphere.pipeline.contracts.events;

import java.util.Optional;

/** The sentiment of a check-in or journal; {@code confidence} is in [0, 1]. */
public record SentimentAnalyzed(
        SentimentSubject subject, long subjectId, Long userId, Sentiment sentiment, double confidence)
        implements EventData {

    @Override
    public EventType type() {
        return EventType.SENTIMENT_ANALYZED;
    }

    @Override
    public Optional<Long> subjectUser() {
        return Optional.ofNullable(userId);
    }
}
