package io.sentisphere.pipeline.ingest.payload;

import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertCreated;
import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import io.sentisphere.pipeline.contracts.events.AlertUpdated;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.EventData;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.EventType;
import io.sentisphere.pipeline.contracts.events.FeelBetter;
import io.sentisphere.pipeline.contracts.events.JournalCreated;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.contracts.events.Sentiment;
import io.sentisphere.pipeline.contracts.events.SentimentAnalyzed;
import io.sentisphere.pipeline.contracts.events.SentimentSubject;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.ingest.error.IngestErrors;
import io.sentisphere.pipeline.ingest.error.Problem;
import io.sentisphere.pipeline.service.error.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Turns a verified request body into contract records, or into one {@link InvalidPayload} listing
 * every problem. Only the fields stats need are copied, so free text the sender adds (a check-in's
 * {@code comment}, a journal's content) is dropped here and never reaches Kafka.
 *
 * <p>A batch is all-or-nothing: any problem in any item rejects the whole batch.
 */
public final class PayloadParser {

    /** Most events in one {@code POST /api/events}. */
    public static final int MAX_BATCH = 500;

    /** How far ahead of this server's clock an {@code occurred_at} may be. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofDays(1);

    private static final Pattern REASON = Pattern.compile("[\\x20-\\x7E]{1,64}");

    private final Clock clock;

    public PayloadParser(Clock clock) {
        this.clock = clock;
    }

    /** A {@code POST /api/events} body: one envelope or an array of 1 to {@value #MAX_BATCH}. */
    public List<EventEnvelope> parseEvents(byte[] body) {
        JsonNode root = readTree(body);
        List<Problem> problems = new ArrayList<>();
        List<EventEnvelope> events = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty() || root.size() > MAX_BATCH) {
                throw invalid("body", "must hold 1 to " + MAX_BATCH + " events (had " + root.size() + ")");
            }
            for (int i = 0; i < root.size(); i++) {
                events.add(envelope(root.get(i), "[" + i + "]", problems));
            }
        } else if (root.isObject()) {
            events.add(envelope(root, "", problems));
        } else {
            throw invalid("body", "must be an event object or an array of events");
        }
        if (!problems.isEmpty()) {
            throw new ServiceException(IngestErrors.invalidPayload(problems));
        }
        return events;
    }

    /**
     * A {@code POST /api/dashboard/notify-update} body: {@code reason} (default {@code webhook}),
     * {@code range} (default {@code this_week}, aliases accepted); {@code stats} is ignored, as the
     * old endpoint did.
     */
    public RefreshRequested parseNotify(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw invalid("body", "must be a JSON object");
        }
        List<Problem> problems = new ArrayList<>();
        String reason = RefreshRequested.DEFAULT_REASON;
        JsonNode reasonNode = root.get("reason");
        if (reasonNode != null && !reasonNode.isNull()) {
            if (reasonNode.isString() && REASON.matcher(reasonNode.asString()).matches()) {
                reason = reasonNode.asString();
            } else {
                problems.add(new Problem("reason", "must be 1 to 64 printable ASCII characters"));
            }
        }
        StatsRange range = StatsRange.DEFAULT;
        JsonNode rangeNode = root.get("range");
        if (rangeNode != null && !rangeNode.isNull()) {
            range = rangeNode.isString()
                    ? StatsRange.parse(rangeNode.asString()).orElse(null)
                    : null;
            if (range == null) {
                problems.add(new Problem("range", "must be one of " + String.join(", ", StatsRange.acceptedNames())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ServiceException(IngestErrors.invalidPayload(problems));
        }
        return new RefreshRequested(reason, range);
    }

    private EventEnvelope envelope(JsonNode node, String path, List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(new Problem(path.isEmpty() ? "body" : path, "must be an event object"));
            return null;
        }
        Fields fields = new Fields(node, path, problems);
        String id = fields.string("id", 1, EventEnvelope.MAX_ID_LENGTH);
        OffsetDateTime occurredAt = fields.timestamp("occurred_at");
        if (occurredAt != null && occurredAt.toInstant().isAfter(clock.instant().plus(MAX_FUTURE_SKEW))) {
            fields.fail("occurred_at", "must not be more than " + MAX_FUTURE_SKEW.toHours() + " hours in the future");
        }
        EventType type = fields.label("type", EventType.class);
        if (type == EventType.REFRESH_REQUESTED) {
            fields.fail("type", "dashboard.refresh_requested is sent through /api/dashboard/notify-update");
            return null;
        }
        Fields data = fields.data("data", type);
        if (type == null || data == null) {
            return null;
        }
        EventData parsed = data(type, data);
        return parsed == null || id == null || occurredAt == null ? null : new EventEnvelope(id, occurredAt, parsed);
    }

    /** The typed data, or null when any of its fields had a problem (already recorded). */
    private static EventData data(EventType type, Fields d) {
        int before = d.problemCount();
        EventData data = switch (type) {
            case CHECKIN_CREATED ->
                new CheckinCreated(
                        orZero(d.integer("checkin_id")),
                        d.integer("user_id"),
                        d.label("mood_level", MoodLevel.class),
                        d.label("energy_level", EnergyLevel.class),
                        d.label("stress_level", StressLevel.class),
                        d.label("feel_better", FeelBetter.class));
            case JOURNAL_CREATED -> new JournalCreated(orZero(d.integer("journal_id")), orZero(d.integer("user_id")));
            case SENTIMENT_ANALYZED ->
                new SentimentAnalyzed(
                        d.label("subject", SentimentSubject.class),
                        orZero(d.integer("subject_id")),
                        d.integer("user_id"),
                        d.label("sentiment", Sentiment.class),
                        orZero(d.number("confidence", 0.0, 1.0)));
            case ALERT_CREATED, ALERT_UPDATED -> alert(type, d);
            case ACTIVITY_LOGGED ->
                new ActivityLogged(
                        orZero(d.integer("user_id")), d.string("action", 1, 64), d.string("target_type", 1, 64));
            case REFRESH_REQUESTED -> throw new IllegalArgumentException("not a domain event");
        };
        return d.problemCount() == before ? data : null;
    }

    private static EventData alert(EventType type, Fields d) {
        long alertId = orZero(d.integer("alert_id"));
        Long userId = d.integer("user_id");
        String name = d.string("name", 1, 200);
        AlertSeverity severity = d.label("severity", AlertSeverity.class);
        AlertStatus status = d.label("status", AlertStatus.class);
        String reason = d.string("reason", 1, 1000);
        OffsetDateTime createdAt = d.timestamp("created_at");
        return type == EventType.ALERT_CREATED
                ? new AlertCreated(alertId, userId, name, severity, status, reason, createdAt)
                : new AlertUpdated(alertId, userId, name, severity, status, reason, createdAt);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw invalid("body", "is empty; expected JSON");
        }
        try {
            JsonNode root = ContractJson.mapper().readTree(body);
            if (root == null || root.isMissingNode()) {
                throw invalid("body", "is empty; expected JSON");
            }
            return root;
        } catch (JacksonException e) {
            // Jackson's message quotes the input, which may be student data: report the position only.
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw invalid("body", "is not valid JSON or exceeds nesting/number limits" + where);
        }
    }

    private static ServiceException invalid(String field, String problem) {
        return new ServiceException(IngestErrors.invalidPayload(field, problem));
    }
}
