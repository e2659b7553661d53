package io.sentisphere.pipeline.ingest.payload;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertCreated;
import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import io.sentisphere.pipeline.contracts.events.AlertUpdated;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadParserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private final PayloadParser parser = new PayloadParser(Clock.fixed(NOW, ZoneOffset.UTC));

    static String event(String id, String type, String data) {
        return """
                {"id": "%s", "type": "%s", "occurred_at": "2026-11-25T23:59:00+08:00", "data": %s}""".formatted(id, type, data);
    }

    static final String CHECKIN = """
            {"checkin_id": 11, "user_id": 42, "mood_level": "Anxious", "energy_level": "Moderate",
             "stress_level": "Very High Stress", "feel_better": "Same", "comment": "private words"}""";

    private List<EventEnvelope> parse(String json) {
        return parser.parseEvents(json.getBytes(StandardCharsets.UTF_8));
    }

    private List<Problem> problems(String json) {
        try {
            parse(json);
        } catch (ServiceException e) {
            return IngestErrors.problems(e.error());
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void parsesEveryEventType() {
        List<EventEnvelope> events = parse("["
                + String.join(
                        ",",
                        event("a", "checkin.created", CHECKIN),
                        event("b", "journal.created", "{\"journal_id\": 3, \"user_id\": 42, \"content\": \"diary\"}"),
                        event("c", "sentiment.analyzed", """
                        {"subject": "journal", "subject_id": 3, "user_id": null, "sentiment": "strongly_negative",
                         "confidence": 0.87}"""),
                        event("d", "alert.created", """
                        {"alert_id": 9, "user_id": 42, "name": "Student", "severity": "high", "status": "open",
                         "reason": "r", "created_at": "2026-11-25T10:00:00Z"}"""),
                        event("e", "alert.updated", """
                        {"alert_id": 9, "user_id": 42, "name": "Student", "severity": "high", "status": "resolved",
                         "reason": "r", "created_at": "2026-11-25T10:00:00Z"}"""),
                        event(
                                "f",
                                "activity.logged",
                                "{\"user_id\": 42, \"action\": \"downloaded_form\", \"target_type\": \"form\"}"))
                + "]");

        OffsetDateTime created = OffsetDateTime.parse("2026-11-25T10:00:00Z");
        assertThat(events)
                .extracting(EventEnvelope::data)
                .containsExactly(
                        new CheckinCreated(
                                11,
                                42L,
                                MoodLevel.ANXIOUS,
                                EnergyLevel.MODERATE,
                                StressLevel.VERY_HIGH_STRESS,
                                io.sentisphere.pipeline.contracts.events.FeelBetter.SAME),
                        new JournalCreated(3, 42),
                        new SentimentAnalyzed(SentimentSubject.JOURNAL, 3, null, Sentiment.STRONGLY_NEGATIVE, 0.87),
                        new AlertCreated(9, 42L, "Student", AlertSeverity.HIGH, AlertStatus.OPEN, "r", created),
                        new AlertUpdated(9, 42L, "Student", AlertSeverity.HIGH, AlertStatus.RESOLVED, "r", created),
                        new ActivityLogged(42, "downloaded_form", "form"));
        assertThat(events.get(0).occurredAt()).isEqualTo(OffsetDateTime.parse("2026-11-25T23:59:00+08:00"));
    }

    @Test
    void dropsFreeTextSoItNeverReachesKafka() {
        EventEnvelope checkin = parse(event("a", "checkin.created", CHECKIN)).get(0);
        EventEnvelope journal = parse(
                        event("b", "journal.created", "{\"journal_id\": 3, \"user_id\": 42, \"content\": \"diary\"}"))
                .get(0);

        assertThat(ContractJson.mapper().writeValueAsString(checkin)).doesNotContain("comment", "private words");
        assertThat(ContractJson.mapper().writeValueAsString(journal)).doesNotContain("content", "diary");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            checkin.created    | {"checkin_id": 1, "mood_level": "Sad", "energy_level": "Low", "stress_level": "Moderate"}             | data.mood_level
            checkin.created    | {"checkin_id": 1, "mood_level": "Meh", "energy_level": "low", "stress_level": "Moderate"}             | data.energy_level
            checkin.created    | {"checkin_id": 1, "mood_level": "Meh", "energy_level": "Low", "stress_level": "Extreme"}              | data.stress_level
            checkin.created    | {"checkin_id": 1, "mood_level": "Meh", "energy_level": "Low", "stress_level": "Moderate", "feel_better": "Maybe"} | data.feel_better
            checkin.created    | {"checkin_id": "1", "mood_level": "Meh", "energy_level": "Low", "stress_level": "Moderate"}           | data.checkin_id
            checkin.created    | {"checkin_id": 1, "user_id": 1.5, "mood_level": "Meh", "energy_level": "Low", "stress_level": "Moderate"} | data.user_id
            journal.created    | {"journal_id": 1}                                                                                     | data.user_id
            journal.created    | {"journal_id": -1, "user_id": 2}                                                                      | data.journal_id
            sentiment.analyzed | {"subject": "post", "subject_id": 1, "sentiment": "positive", "confidence": 0.5}                      | data.subject
            sentiment.analyzed | {"subject": "checkin", "subject_id": 1, "sentiment": "angry", "confidence": 0.5}                      | data.sentiment
            sentiment.analyzed | {"subject": "checkin", "subject_id": 1, "sentiment": "positive", "confidence": 1.5}                   | data.confidence
            alert.created      | {"alert_id": 1, "name": "n", "severity": "critical", "status": "open", "reason": "r", "created_at": "2026-11-25T10:00:00Z"} | data.severity
            alert.updated      | {"alert_id": 1, "name": "n", "severity": "low", "status": "closed", "reason": "r", "created_at": "2026-11-25T10:00:00Z"}   | data.status
            alert.updated      | {"alert_id": 1, "name": "n", "severity": "low", "status": "open", "reason": "r", "created_at": "2026-11-25 10:00"}        | data.created_at
            alert.created      | {"alert_id": 1, "name": "", "severity": "low", "status": "open", "reason": "r", "created_at": "2026-11-25T10:00:00Z"}     | data.name
            activity.logged    | {"user_id": 1, "action": "downloaded_form"}                                                           | data.target_type
            activity.logged    | {"user_id": 1, "action": 5, "target_type": "form"}                                                    | data.action
            """)
    void rejectsEachTypesInvalidData(String type, String data, String field) {
        assertThat(problems(event("x", type, data))).extracting(Problem::field).contains(field);
    }

    @Test
    void listsEveryProblemOfAnEnvelope() {
        List<Problem> problems = problems("""
                {"id": "", "type": "checkin.deleted", "occurred_at": "2026-11-25T10:00:00", "data": []}""");

        assertThat(problems).extracting(Problem::field).containsExactly("id", "occurred_at", "type", "data");
    }

    @Test
    void rejectsAWholeBatchForOneBadItemNamingItsIndex() {
        String good = event("a", "journal.created", "{\"journal_id\": 1, \"user_id\": 2}");
        String bad = event("b", "journal.created", "{\"journal_id\": 1}");

        assertThat(problems("[" + good + "," + bad + "," + good + "]"))
                .containsExactly(new Problem("[1].data.user_id", "is required"));
    }

    @Test
    void boundsBatchSize() {
        String one = event("a", "journal.created", "{\"journal_id\": 1, \"user_id\": 2}");
        String max = IntStream.range(0, PayloadParser.MAX_BATCH)
                .mapToObj(i -> one)
                .collect(Collectors.joining(",", "[", "]"));

        assertThat(parse(max)).hasSize(PayloadParser.MAX_BATCH);
        assertThat(problems(max.replaceFirst("\\[", "[" + one + ",")))
                .extracting(Problem::problem)
                .containsExactly("must hold 1 to 500 events (had 501)");
        assertThat(problems("[]")).hasSize(1);
    }

    @Test
    void rejectsTimestampsFarInTheFutureOrWithoutOffset() {
        assertThat(problems(event("a", "journal.created", "{\"journal_id\": 1, \"user_id\": 2}")
                        .replace("2026-11-25T23:59:00+08:00", "2026-11-28T00:00:00Z")))
                .extracting(Problem::field)
                .containsExactly("occurred_at");
        assertThat(problems(event("a", "journal.created", "{\"journal_id\": 1, \"user_id\": 2}")
                        .replace("2026-11-25T23:59:00+08:00", "2026-11-25T23:59:00")))
                .extracting(Problem::field)
                .containsExactly("occurred_at");
    }

    @Test
    void neverEchoesTheOffendingValue() {
        assertThat(problems(event("a", "checkin.created", CHECKIN.replace("Anxious", "Maria Santos")))
                        .toString())
                .doesNotContain("Maria");
        assertThat(problems("{\"name\": \"Maria Santos\" oops}").toString()).doesNotContain("Maria");
    }

    @Test
    void notifyUpdateDefaultsLikeTheOldEndpointAndCanonicalisesRangeAliases() {
        assertThat(parser.parseNotify("{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new RefreshRequested("webhook", StatsRange.THIS_WEEK));
        assertThat(parser.parseNotify("{\"reason\": \"new_alert\", \"stats\": {\"x\": 1}, \"range\": \"last_30d\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new RefreshRequested("new_alert", StatsRange.LAST_30_DAYS));
    }

    @Test
    void notifyUpdateRejectsUnknownRangesAndOddReasons() {
        try {
            parser.parseNotify("{\"reason\": 5, \"range\": \"last_year\"}".getBytes(StandardCharsets.UTF_8));
            throw new AssertionError("accepted");
        } catch (ServiceException e) {
            assertThat(IngestErrors.problems(e.error()))
                    .extracting(Problem::field)
                    .containsExactly("reason", "range");
        }
    }
}
