package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertChange;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.contracts.events.SentimentAnalyzed;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Checks that a parsed envelope has every field the stats need. ingest never writes such records,
 * but any producer can write to the topic; an incomplete record is rejected before it touches any
 * state, and the processing exception handler dead-letters it.
 */
final class RequiredFields {

    private RequiredFields() {}

    /** @throws IllegalArgumentException naming the first missing field (never a value) */
    static void check(EventEnvelope event) {
        require(event.id() != null && event.occurredAt() != null && event.data() != null, "id, occurred_at, data");
        if (event.data() instanceof CheckinCreated c) {
            require(
                    allPresent(c.moodLevel(), c.energyLevel(), c.stressLevel()),
                    "mood_level, energy_level, stress_level");
        } else if (event.data() instanceof SentimentAnalyzed s) {
            require(allPresent(s.subject(), s.sentiment()), "subject, sentiment");
        } else if (event.data() instanceof AlertChange a) {
            require(allPresent(a.severity(), a.status(), a.createdAt()), "severity, status, created_at");
        } else if (event.data() instanceof ActivityLogged l) {
            require(allPresent(l.action(), l.targetType()), "action, target_type");
        } else if (event.data() instanceof RefreshRequested r) {
            require(allPresent(r.reason(), r.range()), "reason, range");
        }
    }

    private static boolean allPresent(Object... values) {
        return Stream.of(values).allMatch(Objects::nonNull);
    }

    private static void require(boolean present, String fields) {
        if (!present) {
            throw new IllegalArgumentException("missing one of the required fields: " + fields);
        }
    }
}
