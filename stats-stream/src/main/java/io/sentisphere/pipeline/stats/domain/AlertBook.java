package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * The current state of every alert, indexed for what the ranges need, updated per change in
 * O(log n): high-risk alerts per local creation day, and alerts ordered newest first.
 *
 * <p>Memory: per alert only what the counts need (creation time and day, high-risk flag, version),
 * about 100 bytes; names and reasons stay in the state store and are read through
 * {@code details} for the newest few only (recently changed ones are kept at hand). So the heap
 * does not grow with the text of every alert ever raised.
 */
public final class AlertBook implements Alerts {

    private record Entry(long createdAtMillis, long alertId) {}

    /** What the counts need of one alert. {@code version} is its {@code occurred_at} in epoch nanoseconds. */
    private record Compact(long createdAtMillis, long createdDay, boolean highRisk, long version) {}

    private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparingLong(Entry::createdAtMillis)
            .thenComparingLong(Entry::alertId)
            .reversed();
    /** Recently changed alerts kept whole, so the newest few rarely need a store read. */
    private static final int DETAILS_KEPT = 64;

    private final ZoneId zone;
    private final LongFunction<AlertState> details;
    private final Map<Long, Compact> alerts = new HashMap<>();
    private final TreeSet<Entry> byCreation = new TreeSet<>(NEWEST_FIRST);
    private final Map<LocalDate, Long> highRiskByDay = new HashMap<>();
    private final Map<Long, AlertState> recent = new LinkedHashMap<>(DETAILS_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, AlertState> eldest) {
            return size() > DETAILS_KEPT;
        }
    };

    /**
     * @param details an alert's whole current state by id (the state store); called for the
     *     newest alerts when they are not at hand
     */
    public AlertBook(ZoneId zone, LongFunction<AlertState> details) {
        this.zone = zone;
        this.details = details;
    }

    /**
     * Applies a change unless the alert already has a state at least as new (the latest
     * {@code occurred_at} wins; an older update arriving late changes nothing).
     *
     * @return whether the alert's state changed
     */
    @Override
    public boolean apply(AlertState next) {
        Compact current = alerts.get(next.alertId());
        if (current != null && version(next.version()) < current.version()) {
            return false;
        }
        put(next);
        return true;
    }

    /** Replaces the alert's state (used when restoring from the store). */
    public void put(AlertState alert) {
        remove(alert.alertId());
        long createdAtMillis = alert.createdAt().toInstant().toEpochMilli();
        LocalDate day = alert.createdAt().atZoneSameInstant(zone).toLocalDate();
        alerts.put(
                alert.alertId(),
                new Compact(createdAtMillis, day.toEpochDay(), alert.isHighRisk(), version(alert.version())));
        byCreation.add(new Entry(createdAtMillis, alert.alertId()));
        if (alert.isHighRisk()) {
            highRiskByDay.merge(day, 1L, Long::sum);
        }
        recent.put(alert.alertId(), alert);
    }

    public void remove(long alertId) {
        Compact old = alerts.remove(alertId);
        recent.remove(alertId);
        if (old == null) {
            return;
        }
        byCreation.remove(new Entry(old.createdAtMillis(), alertId));
        if (old.highRisk()) {
            highRiskByDay.computeIfPresent(LocalDate.ofEpochDay(old.createdDay()), (d, n) -> n == 1 ? null : n - 1);
        }
    }

    /**
     * Forgets alerts created before {@code oldest}, except the newest {@code keep} (they still show
     * in {@code recent_alerts}).
     *
     * @return the ids forgotten (to delete from the store)
     */
    @Override
    public List<Long> removeCreatedBefore(LocalDate oldest, int keep) {
        Set<Long> newest = new HashSet<>();
        Iterator<Entry> it = byCreation.iterator();
        while (it.hasNext() && newest.size() < keep) {
            newest.add(it.next().alertId());
        }
        long limit = oldest.toEpochDay();
        List<Long> stale = new ArrayList<>();
        alerts.forEach((id, alert) -> {
            if (alert.createdDay() < limit && !newest.contains(id)) {
                stale.add(id);
            }
        });
        stale.forEach(this::remove);
        return stale;
    }

    /** The newest {@code limit} alerts by creation time. */
    public List<AlertState> newest(int limit) {
        List<AlertState> newest = new ArrayList<>(limit);
        Iterator<Entry> it = byCreation.iterator();
        while (it.hasNext() && newest.size() < limit) {
            long id = it.next().alertId();
            AlertState alert = recent.get(id);
            if (alert == null) {
                alert = details.apply(id);
                recent.put(id, alert);
            }
            newest.add(alert);
        }
        return newest;
    }

    @Override
    public AlertSummary summary() {
        return new AlertSummary(
                Map.copyOf(highRiskByDay),
                newest(StatsCalculator.RECENT_ALERTS).stream()
                        .map(a -> new DashboardStats.RecentAlert(
                                a.alertId(),
                                a.name(),
                                a.severity().wire(),
                                a.status().wire(),
                                a.reason(),
                                a.createdAt()))
                        .toList());
    }

    private static long version(OffsetDateTime occurredAt) {
        Instant at = occurredAt.toInstant();
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }
}
