package io.sentisphere.pipeline.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertCreated;
import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.EventData;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.FeelBetter;
import io.sentisphere.pipeline.contracts.events.JournalCreated;
import io.sentisphere.pipeline.contracts.events.MoodLevel;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.contracts.events.Sentiment;
import io.sentisphere.pipeline.contracts.events.SentimentAnalyzed;
import io.sentisphere.pipeline.contracts.events.SentimentSubject;
import io.sentisphere.pipeline.contracts.events.StressLevel;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The Java records and the JSON Schemas name the same properties, so neither can drift alone: each
 * record, written by the contract's one JSON mapping with every field set, has exactly the
 * properties its schema declares (nested objects too) and validates against it.
 */
class RecordsMatchSchemasTest {

    static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-26T08:15:00+08:00");

    static Stream<EventData> everyEventType() {
        return Stream.of(
                new CheckinCreated(
                        7, 42L, MoodLevel.MEH, EnergyLevel.LOW, StressLevel.VERY_HIGH_STRESS, FeelBetter.SAME),
                new JournalCreated(3, 42),
                new SentimentAnalyzed(SentimentSubject.JOURNAL, 3, 42L, Sentiment.STRONGLY_NEGATIVE, 0.91),
                new AlertCreated(5, 42L, "A. Student", AlertSeverity.HIGH, AlertStatus.IN_PROGRESS, "r", AT),
                new ActivityLogged(42, "downloaded_form", "form"),
                new RefreshRequested("mobile_checkin", StatsRange.LAST_30_DAYS));
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void eachEventRecordHasExactlyItsSchemasProperties(EventData data) {
        EventEnvelope envelope = new EventEnvelope("e-1", AT, data);
        JsonNode json = ContractJson.mapper().valueToTree(envelope);
        String dataSchema = switch (data.type().wire()) {
            case "alert.created", "alert.updated" -> "events/alert.json";
            default -> "events/" + data.type().wire() + ".json";
        };

        assertThat(names(json)).isEqualTo(schemaProperties("event-envelope.json", ""));
        assertThat(names(json.path("data"))).isEqualTo(schemaProperties(dataSchema, ""));
        assertThat(ContractSchemas.problems(ContractSchemas.Contract.EVENT_ENVELOPE, json.toString()))
                .isEmpty();
    }

    @Test
    void statsRecordAndDashboardStatsHaveExactlyTheirSchemasProperties() {
        DashboardStats stats = new DashboardStats(
                500,
                31,
                2,
                1,
                List.of(new DashboardStats.RecentAlert(9, "A. Student", "high", "open", "r", AT)),
                AT,
                StatsRange.TODAY,
                new DashboardStats.Breakdown(Map.of("Meh", 3L), Map.of("Low", 3L), Map.of("Moderate", 3L)),
                55.5,
                new DashboardStats.Sentiments(1, 2, 3));
        JsonNode json =
                ContractJson.mapper().valueToTree(new StatsUpdate(StatsRange.TODAY, "checkin.created", stats, AT));

        assertThat(names(json)).isEqualTo(schemaProperties("stats-update.json", ""));
        assertThat(names(json.path("stats"))).isEqualTo(schemaProperties("dashboard-stats.json", ""));
        assertThat(names(json.path("stats").path("recent_alerts").get(0)))
                .isEqualTo(schemaProperties("dashboard-stats.json", "/$defs/recentAlert"));
        assertThat(names(json.path("stats").path("breakdown")))
                .isEqualTo(schemaProperties("dashboard-stats.json", "/properties/breakdown"));
        assertThat(names(json.path("stats").path("sentiments")))
                .isEqualTo(schemaProperties("dashboard-stats.json", "/properties/sentiments"));
        assertThat(ContractSchemas.problems(ContractSchemas.Contract.STATS_UPDATE, json.toString()))
                .isEmpty();
    }

    static Set<String> names(JsonNode object) {
        return new TreeSet<>(object.propertyNames());
    }

    static Set<String> schemaProperties(String file, String pointer) {
        JsonNode schema = ContractDocumentsTest.read(Path.of("../docs/schemas").resolve(file))
                .at(pointer);
        return new TreeSet<>(schema.path("properties").propertyNames());
    }
}
