package io.sentisphere.pipeline.contracts.events;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which data fields each event type requires, declared once: ingest rejects a request lacking one
 * (400, naming the field), stats-stream dead-letters a record lacking one, and a test keeps this
 * table equal to the {@code required} lists of docs/schemas/events. Wire names throughout.
 *
 * <p>Numeric fields are Java primitives in the records, so a record read by Jackson cannot show
 * them missing; {@link #missing} checks the object-valued ones, ingest checks all of them on input.
 */
public final class RequiredFields {

    /** The envelope's required fields, for every type. */
    public static final List<String> ENVELOPE = List.of("id", "type", "occurred_at", "data");

    private static final Map<EventType, Map<String, Function<EventData, Object>>> REQUIRED =
            new EnumMap<>(EventType.class);

    static {
        declare(
                EventType.CHECKIN_CREATED,
                CheckinCreated.class,
                Map.of(
                        "checkin_id", CheckinCreated::checkinId,
                        "mood_level", CheckinCreated::moodLevel,
                        "energy_level", CheckinCreated::energyLevel,
                        "stress_level", CheckinCreated::stressLevel));
        declare(
                EventType.JOURNAL_CREATED,
                JournalCreated.class,
                Map.of("journal_id", JournalCreated::journalId, "user_id", JournalCreated::userId));
        declare(
                EventType.SENTIMENT_ANALYZED,
                SentimentAnalyzed.class,
                Map.of(
                        "subject", SentimentAnalyzed::subject,
                        "subject_id", SentimentAnalyzed::subjectId,
                        "sentiment", SentimentAnalyzed::sentiment,
                        "confidence", SentimentAnalyzed::confidence));
        Map<String, Function<AlertChange, Object>> alert = Map.of(
                "alert_id", AlertChange::alertId,
                "name", AlertChange::name,
                "severity", AlertChange::severity,
                "status", AlertChange::status,
                "reason", AlertChange::reason,
                "created_at", AlertChange::createdAt);
        declare(EventType.ALERT_CREATED, AlertChange.class, alert);
        declare(EventType.ALERT_UPDATED, AlertChange.class, alert);
        declare(
                EventType.ACTIVITY_LOGGED,
                ActivityLogged.class,
                Map.of(
                        "user_id", ActivityLogged::userId,
                        "action", ActivityLogged::action,
                        "target_type", ActivityLogged::targetType));
        declare(
                EventType.REFRESH_REQUESTED,
                RefreshRequested.class,
                Map.of("reason", RefreshRequested::reason, "range", RefreshRequested::range));
    }

    private RequiredFields() {}

    private static <T extends EventData> void declare(
            EventType type, Class<T> data, Map<String, ? extends Function<? super T, Object>> fields) {
        Map<String, Function<EventData, Object>> byName = new LinkedHashMap<>();
        fields.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> byName.put(e.getKey(), d -> e.getValue().apply(data.cast(d))));
        REQUIRED.put(type, byName);
    }

    /** The required data fields of {@code type}, wire names, sorted. */
    public static List<String> of(EventType type) {
        return List.copyOf(REQUIRED.get(type).keySet());
    }

    public static boolean isRequired(EventType type, String field) {
        return REQUIRED.get(type).containsKey(field);
    }

    /** The required fields {@code data} lacks (null), wire names; empty when complete. */
    public static List<String> missing(EventData data) {
        List<String> missing = new ArrayList<>();
        REQUIRED.get(data.type()).forEach((name, get) -> {
            if (get.apply(data) == null) {
                missing.add(name);
            }
        });
        return missing;
    }
}
