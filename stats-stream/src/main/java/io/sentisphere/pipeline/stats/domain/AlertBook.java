package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The current state of every alert, indexed for what the ranges need, updated per change in
 * O(log n): high-risk alerts per local creation day, and alerts ordered newest first.
 */
public final class AlertBook {

    private record Entry(long createdAtMillis, long alertId) {
    }

    private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparingLong(Entry::createdAtMillis)
            .thenComparingLong(Entry::alertId).reversed();

    private final ZoneId zone;
    private final Map<Long, AlertState> alerts = new HashMap<>();
    private final TreeSet<Entry> byCreation = new TreeSet<>(NEWEST_FIRST);
    private final Map<LocalDate, Long> highRiskByDay = new HashMap<>();

    public AlertBook(ZoneId zone) {
        this.zone = zone;
    }

    public AlertState get(long alertId) {
        return alerts.get(alertId);
    }

    public Collection<AlertState> all() {
        return alerts.values();
    }

    /** Replaces the alert's state. */
    public void put(AlertState alert) {
        remove(alert.alertId());
        alerts.put(alert.alertId(), alert);
        byCreation.add(entry(alert));
        if (alert.isHighRisk()) {
            highRiskByDay.merge(day(alert), 1L, Long::sum);
        }
    }

    public void remove(long alertId) {
        AlertState old = alerts.remove(alertId);
        if (old == null) {
            return;
        }
        byCreation.remove(entry(old));
        if (old.isHighRisk()) {
            highRiskByDay.computeIfPresent(day(old), (d, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The newest {@code limit} alerts by creation time. */
    public List<AlertState> newest(int limit) {
        List<AlertState> newest = new ArrayList<>(limit);
        Iterator<Entry> it = byCreation.iterator();
        while (it.hasNext() && newest.size() < limit) {
            newest.add(alerts.get(it.next().alertId()));
        }
        return newest;
    }

    public AlertSummary summary() {
        return new AlertSummary(Map.copyOf(highRiskByDay), newest(StatsCalculator.RECENT_ALERTS).stream()
                .map(a -> new DashboardStats.RecentAlert(a.alertId(), a.name(), a.severity().wire(), a.status().wire(),
                        a.reason(), a.createdAt()))
                .toList());
    }

    private LocalDate day(AlertState alert) {
        return alert.createdAt().atZoneSameInstant(zone).toLocalDate();
    }

    private static Entry entry(AlertState alert) {
        return new Entry(alert.createdAt().toInstant().toEpochMilli(), alert.alertId());
    }
}
