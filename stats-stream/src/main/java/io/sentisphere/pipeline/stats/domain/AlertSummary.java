package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ranges need from the current alerts, computed once per emission rather than once per
 * range: high-risk alerts per local creation day, and the newest {@value StatsCalculator#RECENT_ALERTS}.
 */
public record AlertSummary(Map<LocalDate, Long> highRiskByDay, List<DashboardStats.RecentAlert> recent) {

    public static AlertSummary of(Collection<AlertState> alerts, ZoneId zone) {
        Map<LocalDate, Long> highRisk = new HashMap<>();
        for (AlertState alert : alerts) {
            if (alert.isHighRisk()) {
                highRisk.merge(alert.createdAt().atZoneSameInstant(zone).toLocalDate(), 1L, Long::sum);
            }
        }
        List<DashboardStats.RecentAlert> recent = alerts.stream()
                .sorted(Comparator.comparing(AlertState::createdAt, Comparator.comparing(t -> t.toInstant()))
                        .thenComparingLong(AlertState::alertId).reversed())
                .limit(StatsCalculator.RECENT_ALERTS)
                .map(a -> new DashboardStats.RecentAlert(a.alertId(), a.name(), a.severity().wire(), a.status().wire(),
                        a.reason(), a.createdAt()))
                .toList();
        return new AlertSummary(highRisk, recent);
    }
}
