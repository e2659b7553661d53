package io.sentisphere.pipeline.broadcast.push;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentisphere.pipeline.contracts.json.ContractJson;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code DashboardUpdated} data, {@code {"type":"stats_update","stats":…,"reason":…,"timestamp":…}},
 * always within Pusher's 10 KB limit: an oversize payload is shrunk, never refused — first alert
 * reasons are truncated (to 200, 80, 20 characters, then removed), then the oldest alerts dropped.
 * Every count stays exact; only {@code recent_alerts} text is cut.
 */
public final class DashboardPayload {

    /** Pusher's limit on an event's data. */
    public static final int LIMIT_BYTES = 10 * 1024;

    private static final int[] REASON_LENGTHS = {200, 80, 20, 0};

    @JsonPropertyOrder({"type", "stats", "reason", "timestamp"})
    record DashboardUpdated(String type, DashboardStats stats, String reason, OffsetDateTime timestamp) {}

    /** The serialized data and whether it had to be shrunk. */
    public record Encoded(String json, boolean shrunk) {
        public int bytes() {
            return json.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private DashboardPayload() {}

    public static Encoded encode(StatsUpdate update) {
        DashboardStats stats = update.stats();
        String json = write(update, stats);
        if (fits(json)) {
            return new Encoded(json, false);
        }
        for (int length : REASON_LENGTHS) {
            stats = withAlerts(stats, truncateReasons(stats.recentAlerts(), length));
            json = write(update, stats);
            if (fits(json)) {
                return new Encoded(json, true);
            }
        }
        List<DashboardStats.RecentAlert> alerts = new ArrayList<>(stats.recentAlerts());
        while (!alerts.isEmpty() && !fits(json)) {
            // recent_alerts is newest first: the oldest is last.
            alerts.remove(alerts.size() - 1);
            stats = withAlerts(stats, alerts);
            json = write(update, stats);
        }
        return new Encoded(json, true);
    }

    private static boolean fits(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length <= LIMIT_BYTES;
    }

    private static String write(StatsUpdate update, DashboardStats stats) {
        return ContractJson.mapper()
                .writeValueAsString(new DashboardUpdated("stats_update", stats, update.reason(), update.computedAt()));
    }

    private static List<DashboardStats.RecentAlert> truncateReasons(
            List<DashboardStats.RecentAlert> alerts, int length) {
        return alerts.stream()
                .map(a -> new DashboardStats.RecentAlert(
                        a.id(),
                        a.name(),
                        a.severity(),
                        a.status(),
                        a.reason() == null || a.reason().length() <= length
                                ? a.reason()
                                : length == 0 ? null : a.reason().substring(0, length) + "…",
                        a.createdAt()))
                .toList();
    }

    private static DashboardStats withAlerts(DashboardStats s, List<DashboardStats.RecentAlert> alerts) {
        return new DashboardStats(
                s.studentsMonitored(),
                s.rangeCheckins(),
                s.studentsWithFormDownloads(),
                s.highRiskFlags(),
                List.copyOf(alerts),
                s.timestamp(),
                s.range(),
                s.breakdown(),
                s.wellnessIndex(),
                s.sentiments());
    }
}
