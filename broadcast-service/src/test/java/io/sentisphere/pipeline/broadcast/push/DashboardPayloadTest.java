package io.sentisphere.pipeline.broadcast.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DashboardPayloadTest {

    static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-26T09:30:00+08:00");

    static StatsUpdate update(List<DashboardStats.RecentAlert> alerts) {
        DashboardStats stats = new DashboardStats(
                120,
                45,
                3,
                7,
                alerts,
                AT,
                StatsRange.THIS_WEEK,
                new DashboardStats.Breakdown(Map.of("Great", 4L), Map.of("High", 4L), Map.of("Low Stress", 4L)),
                61.5,
                new DashboardStats.Sentiments(3, 1, 2));
        return new StatsUpdate(StatsRange.THIS_WEEK, "checkin.created", stats, AT);
    }

    static DashboardStats.RecentAlert alert(int id, int reasonLength) {
        return new DashboardStats.RecentAlert(
                id, "Student " + id, "high", "open", "r".repeat(reasonLength), AT.minusHours(id));
    }

    @Test
    void aSmallUpdateIsTheContractShapeUnchanged() {
        DashboardPayload.Encoded encoded = DashboardPayload.encode(update(List.of(alert(1, 30))));

        JsonNode json = ContractJson.mapper().readTree(encoded.json());
        assertThat(encoded.shrunk()).isFalse();
        assertThat(json.path("type").asString()).isEqualTo("stats_update");
        assertThat(json.path("reason").asString()).isEqualTo("checkin.created");
        assertThat(json.path("timestamp").asString()).isEqualTo("2026-11-26T09:30:00+08:00");
        assertThat(json.path("stats").path("this_week_checkins").asLong()).isEqualTo(45);
        assertThat(json.path("stats")
                        .path("recent_alerts")
                        .get(0)
                        .path("reason")
                        .asString())
                .hasSize(30);
    }

    @Test
    void longAlertReasonsAreTruncatedFirstAndCountsStayExact() {
        List<DashboardStats.RecentAlert> alerts =
                IntStream.rangeClosed(1, 5).mapToObj(i -> alert(i, 4_000)).toList();

        DashboardPayload.Encoded encoded = DashboardPayload.encode(update(alerts));

        JsonNode json = ContractJson.mapper().readTree(encoded.json());
        assertThat(encoded.shrunk()).isTrue();
        assertThat(encoded.json().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10 * 1024);
        assertThat(json.path("stats").path("recent_alerts")).hasSize(5);
        assertThat(json.path("stats")
                        .path("recent_alerts")
                        .get(0)
                        .path("reason")
                        .asString())
                .hasSize(201);
        assertThat(json.path("stats").path("high_risk_flags").asLong()).isEqualTo(7);
    }

    @Test
    void theOldestAlertsAreDroppedWhenTruncatingIsNotEnough() {
        // Names are not truncated (the dashboard shows them); 3 KB names force dropping alerts.
        List<DashboardStats.RecentAlert> alerts = IntStream.rangeClosed(1, 5)
                .mapToObj(i ->
                        new DashboardStats.RecentAlert(i, "n".repeat(3_000), "high", "open", "why", AT.minusHours(i)))
                .toList();

        DashboardPayload.Encoded encoded = DashboardPayload.encode(update(alerts));

        JsonNode json = ContractJson.mapper().readTree(encoded.json());
        assertThat(encoded.bytes()).isLessThanOrEqualTo(10 * 1024);
        assertThat(json.path("stats").path("recent_alerts"))
                .extracting(a -> a.path("id").asLong())
                .containsExactly(1L, 2L, 3L);
    }
}
