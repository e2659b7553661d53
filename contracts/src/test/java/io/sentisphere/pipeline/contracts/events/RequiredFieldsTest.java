package io.sentisphere.pipeline.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.json.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one declaration of required fields equals the JSON Schemas' {@code required} lists. */
class RequiredFieldsTest {

    static final Map<EventType, String> SCHEMAS = Map.of(
            EventType.CHECKIN_CREATED, "checkin.created.json",
            EventType.JOURNAL_CREATED, "journal.created.json",
            EventType.SENTIMENT_ANALYZED, "sentiment.analyzed.json",
            EventType.ALERT_CREATED, "alert.json",
            EventType.ALERT_UPDATED, "alert.json",
            EventType.ACTIVITY_LOGGED, "activity.logged.json",
            EventType.REFRESH_REQUESTED, "dashboard.refresh_requested.json");

    static List<String> required(Path schema) throws Exception {
        List<String> required = new ArrayList<>();
        ContractJson.mapper()
                .readTree(Files.readString(schema))
                .path("required")
                .forEach(n -> required.add(n.asString()));
        return required;
    }

    @Test
    void everyTypesRequiredFieldsAreTheSchemas() throws Exception {
        for (EventType type : EventType.values()) {
            assertThat(RequiredFields.of(type))
                    .as(type.wire())
                    .containsExactlyInAnyOrderElementsOf(
                            required(Path.of("../docs/schemas/events", SCHEMAS.get(type))));
        }
        assertThat(RequiredFields.ENVELOPE)
                .containsExactlyInAnyOrderElementsOf(required(Path.of("../docs/schemas/event-envelope.json")));
    }

    @Test
    void missingNamesTheAbsentObjectFields() {
        assertThat(RequiredFields.missing(new CheckinCreated(1, null, MoodLevel.OKAY, null, null, null)))
                .containsExactly("energy_level", "stress_level");
        assertThat(RequiredFields.missing(new AlertCreated(
                        1,
                        null,
                        "n",
                        AlertSeverity.HIGH,
                        AlertStatus.OPEN,
                        "r",
                        OffsetDateTime.parse("2026-11-26T08:15:00+08:00"))))
                .isEmpty();
    }
}
