package io.sentisphere.pipeline.ingest.it;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Realistic event bodies for integration tests. */
public final class Events {

    private Events() {}

    public static String uniqueId() {
        return "evt-" + UUID.randomUUID();
    }

    public static String now() {
        // Not toString(): it drops ":00" seconds, which RFC 3339 (and so ingest) requires.
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0));
    }

    public static String checkin(String id, long userId) {
        return """
                {"id": "%s", "type": "checkin.created", "occurred_at": "%s", "data": {"checkin_id": %d,
                 "user_id": %d, "mood_level": "Okay", "energy_level": "High", "stress_level": "Low Stress",
                 "feel_better": "Yes", "comment": "felt better after talking to a friend"}}""".formatted(id, now(), Math.abs(id.hashCode()), userId);
    }

    public static String journal(String id, long userId) {
        return """
                {"id": "%s", "type": "journal.created", "occurred_at": "%s",
                 "data": {"journal_id": 77, "user_id": %d, "content": "dear diary"}}""".formatted(id, now(), userId);
    }
}
