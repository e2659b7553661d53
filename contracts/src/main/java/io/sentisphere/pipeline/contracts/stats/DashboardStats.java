package io.sentisphere.pipeline.contracts.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The payload the dashboard already understands, plus added fields it ignores until it knows them
 * ({@code breakdown}, {@code wellness_index}, {@code sentiments}). Definitions: README, stats-stream.
 *
 * <p>Two wire names are the old dashboard's and say less than they hold; the Java names say it:
 *
 * @param rangeCheckins check-ins in the range, whatever the range (wire: {@code this_week_checkins})
 * @param studentsWithFormDownloads distinct students with an {@code activity.logged} form download
 *     in the range (wire: {@code open_appointments})
 * @param wellnessIndex 0..100, or null when the range has no check-in
 */
@JsonPropertyOrder({
    "students_monitored",
    "this_week_checkins",
    "open_appointments",
    "high_risk_flags",
    "recent_alerts",
    "timestamp",
    "range",
    "breakdown",
    "wellness_index",
    "sentiments"
})
public record DashboardStats(
        long studentsMonitored,
        @JsonProperty("this_week_checkins") long rangeCheckins,
        @JsonProperty("open_appointments") long studentsWithFormDownloads,
        long highRiskFlags,
        List<RecentAlert> recentAlerts,
        OffsetDateTime timestamp,
        StatsRange range,
        Breakdown breakdown,
        Double wellnessIndex,
        Sentiments sentiments) {

    /** Check-ins in the range by label, every label present (zero counts included). */
    public record Breakdown(Map<String, Long> mood, Map<String, Long> energy, Map<String, Long> stress) {}

    /** Sentiments in the range; {@code negative} includes {@code strongly_negative}. */
    public record Sentiments(long positive, long neutral, long negative) {}

    /** One of the newest alerts, with its current severity and status. */
    @JsonPropertyOrder({"id", "name", "severity", "status", "reason", "created_at"})
    public record RecentAlert(
            long id, String name, String severity, String status, String reason, OffsetDateTime createdAt) {}

    /** The same stats without their timestamp: for comparing values regardless of when computed. */
    public DashboardStats withoutTimestamp() {
        return stampedAt(null);
    }

    /** The same stats stamped with another time. */
    public DashboardStats stampedAt(OffsetDateTime time) {
        return new DashboardStats(
                studentsMonitored,
                rangeCheckins,
                studentsWithFormDownloads,
                highRiskFlags,
                recentAlerts,
                time,
                range,
                breakdown,
                wellnessIndex,
                sentiments);
    }
}
