package io.sentisphere.pipeline.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertSeverity;
import io.sentisphere.pipeline.contracts.events.AlertStatus;
import io.sentisphere.pipeline.contracts.events.AlertUpdated;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EnergyLevel;
import io.sentisphere.pipeline.contracts.events.EventData;
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
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;

class EventEnvelopeJsonTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-26T08:15:00+08:00");

    static Stream<EventData> everyType() {
        return Stream.of(
                new CheckinCreated(7, 42L, MoodLevel.MEH, EnergyLevel.LOW, StressLevel.VERY_HIGH_STRESS, null),
                new JournalCreated(3, 42),
                new SentimentAnalyzed(SentimentSubject.JOURNAL, 3, null, Sentiment.STRONGLY_NEGATIVE, 0.91),
                new AlertUpdated(5, 42L, "A. Student", AlertSeverity.HIGH, AlertStatus.IN_PROGRESS, "r", AT),
                new ActivityLogged(42, "downloaded_form", "form"),
                new RefreshRequested("mobile_checkin", StatsRange.LAST_30_DAYS));
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void roundTripsEveryTypeWithItsWireName(EventData data) {
        EventEnvelope envelope = new EventEnvelope("evt-1", AT, data);

        String json = ContractJson.mapper().writeValueAsString(envelope);
        JsonNode tree = ContractJson.mapper().readTree(json);

        assertThat(tree.get("type").asString()).isEqualTo(data.type().wire());
        assertThat(tree.get("occurred_at").asString()).isEqualTo("2026-11-26T08:15:00+08:00");
        assertThat(ContractJson.mapper().readValue(json, EventEnvelope.class)).isEqualTo(envelope);
    }

    @ParameterizedTest
    @MethodSource("everyType")
    void readsDataThatComesBeforeItsType(EventData data) {
        EventEnvelope envelope = new EventEnvelope("evt-1", AT, data);
        JsonNode tree = ContractJson.mapper().valueToTree(envelope);
        String dataFirst = "{\"data\":" + tree.get("data") + ",\"id\":\"evt-1\",\"occurred_at\":\""
                + tree.get("occurred_at").asString() + "\",\"type\":\""
                + data.type().wire() + "\"}";

        assertThat(ContractJson.mapper().readValue(dataFirst, EventEnvelope.class))
                .isEqualTo(envelope);
    }

    @Test
    void refusesAnUnknownTypeAndATypeOrDataWithoutTheOther() {
        String data = "\"data\":{\"journal_id\":1,\"user_id\":42}";
        String at = "\"occurred_at\":\"2026-11-26T08:15:00+08:00\"";

        assertThatThrownBy(() -> read("{\"id\":\"e\",\"type\":\"nope\"," + at + "," + data + "}"))
                .isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("Could not resolve type id 'nope'");
        assertThatThrownBy(() -> read("{\"id\":\"e\"," + at + "," + data + ",\"type\":\"nope\"}"))
                .hasMessageContaining("Could not resolve type id 'nope'");
        assertThatThrownBy(() -> read("{\"id\":\"e\",\"type\":\"journal.created\"," + at + "}"))
                .hasMessageContaining("Missing property 'data'");
        assertThatThrownBy(() -> read("{\"id\":\"e\"," + at + "," + data + "}"))
                .hasMessageContaining("Missing external type id property 'type'");
        assertThatThrownBy(() -> read("[1]")).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void leavesDataEmptyWhenNeitherIsGivenAndIgnoresUnknownProperties() {
        String at = "\"occurred_at\":\"2026-11-26T08:15:00+08:00\"";

        assertThat(read("{\"id\":\"e\"," + at + "}").data()).isNull();
        assertThat(read("{\"id\":\"e\",\"type\":\"journal.created\",\"data\":null," + at + "}")
                        .data())
                .isNull();
        assertThat(read("{\"id\":\"e\",\"x\":[1,{\"a\":2}],\"type\":\"journal.created\"," + at
                        + ",\"data\":{\"journal_id\":1,\"user_id\":42}}"))
                .isEqualTo(new EventEnvelope("e", AT, new JournalCreated(1, 42)));
    }

    private static EventEnvelope read(String json) {
        return ContractJson.mapper().readValue(json, EventEnvelope.class);
    }

    @Test
    void writesSnakeCaseLabelsAndNoTypeTwice() {
        EventEnvelope envelope = new EventEnvelope(
                "evt-1", AT, new CheckinCreated(7, null, MoodLevel.MEH, EnergyLevel.LOW, StressLevel.NO_STRESS, null));

        String json = ContractJson.mapper().writeValueAsString(envelope);

        assertThat(json).contains("\"checkin_id\":7", "\"stress_level\":\"No Stress\"", "\"user_id\":null");
        assertThat(json.split("\"type\"", -1)).hasSize(2);
    }

    @Test
    void keysByStudentOrElseById() {
        assertThat(new EventEnvelope("e", AT, new JournalCreated(1, 42)).partitionKey())
                .isEqualTo("42");
        assertThat(new EventEnvelope("e", AT, new RefreshRequested("webhook", StatsRange.TODAY)).partitionKey())
                .isEqualTo("e");
    }

    @Test
    void parsesRangeAliasesToCanonicalNames() {
        assertThat(StatsRange.parse("last_30d")).contains(StatsRange.LAST_30_DAYS);
        assertThat(StatsRange.parse("last_7_days")).contains(StatsRange.LAST_7_DAYS);
        assertThat(StatsRange.parse("Last_7_days")).isEmpty();
    }
}
