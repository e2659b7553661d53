package io.sentisphere.pipeline.stats.domain;

import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The current state of every alert, indexed for what the ranges need: high-risk alerts per local
 * creation day, and the newest alerts by creation time. A change costs O(1) expected; asking for
 * the newest few costs O(1) too, except after one of the newest was forgotten, when the next
 * question scans every alert once, O(n).
 *
 * <p>Memory: per alert only what the counts need (id, creation time and day, high-risk flag,
 * version), in primitive arrays and a primitive map: 45-90 bytes depending on how full they are,
 * and no object. Names and reasons stay in the state store and are read through {@code details}
 * for the newest few only (recently changed ones are kept at hand). So the heap does not grow with
 * the text of every alert ever raised, and a new alert writes no reference into the old
 * generation: with an object per alert, every young collection rescanned the cards those writes
 * dirtied (bench/RESULTS.md, issue 14, session 16). Mutable; owned by one stream task.
 */
public final class AlertBook implements Alerts {

    /** Recently changed alerts kept whole, so the newest few rarely need a store read. */
    private static final int DETAILS_KEPT = 64;
    /** How many of the newest alerts are kept in order; more than a summary shows. */
    static final int NEWEST_KEPT = 16;

    private static final int ABSENT = -1;

    private final ZoneId zone;
    private final LongFunction<AlertState> details;

    /** Alert id to its slot in the arrays below; slots {@code [0, size)} are used. */
    private final Long2IntOpenHashMap slots = new Long2IntOpenHashMap();

    private long[] ids = new long[16];
    private long[] createdAtMillis = new long[16];
    private int[] createdDay = new int[16];
    /** {@code occurred_at} of the state held, in epoch nanoseconds. */
    private long[] versions = new long[16];

    private boolean[] highRisk = new boolean[16];
    private int size;

    /** High-risk alerts per local creation day (epoch day); days with none are absent. */
    private final Int2LongOpenHashMap highRiskByDay = new Int2LongOpenHashMap();

    /**
     * The newest {@code min(NEWEST_KEPT, size)} alerts, newest first, while {@link #newestValid};
     * kept up to date on each change, and rebuilt by a scan after one of them was forgotten.
     */
    private final long[] newestAt = new long[NEWEST_KEPT];

    private final long[] newestIds = new long[NEWEST_KEPT];
    private int newestSize;
    private boolean newestValid = true;

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
        slots.defaultReturnValue(ABSENT);
    }

    /**
     * Applies a change unless the alert already has a state at least as new (the latest
     * {@code occurred_at} wins; an older update arriving late changes nothing).
     *
     * @return whether the alert's state changed
     */
    @Override
    public boolean apply(AlertState next) {
        int slot = slots.get(next.alertId());
        if (slot != ABSENT && version(next.version()) < versions[slot]) {
            return false;
        }
        put(next);
        return true;
    }

    /** Replaces the alert's state (used when restoring from the store). */
    public void put(AlertState alert) {
        long id = alert.alertId();
        long at = alert.createdAt().toInstant().toEpochMilli();
        int slot = slots.get(id);
        if (slot != ABSENT && createdAtMillis[slot] != at) {
            remove(id); // its place in the order moves
            slot = ABSENT;
        }
        if (slot == ABSENT) {
            slot = append(
                    id,
                    at,
                    Math.toIntExact(alert.createdAt()
                            .atZoneSameInstant(zone)
                            .toLocalDate()
                            .toEpochDay()));
        } else {
            countHighRisk(slot, -1);
        }
        highRisk[slot] = alert.isHighRisk();
        versions[slot] = version(alert.version());
        countHighRisk(slot, +1);
        recent.put(id, alert);
    }

    public void remove(long alertId) {
        recent.remove(alertId);
        int slot = slots.remove(alertId);
        if (slot == ABSENT) {
            return;
        }
        countHighRisk(slot, -1);
        forgetNewest(createdAtMillis[slot], alertId);
        int last = --size;
        if (slot != last) {
            ids[slot] = ids[last];
            createdAtMillis[slot] = createdAtMillis[last];
            createdDay[slot] = createdDay[last];
            versions[slot] = versions[last];
            highRisk[slot] = highRisk[last];
            slots.put(ids[slot], slot);
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
        LongSet newest = new LongOpenHashSet(newestIds(keep));
        long limit = oldest.toEpochDay();
        List<Long> stale = new ArrayList<>();
        for (int slot = 0; slot < size; slot++) {
            if (createdDay[slot] < limit && !newest.contains(ids[slot])) {
                stale.add(ids[slot]);
            }
        }
        stale.forEach(this::remove);
        return stale;
    }

    /** The newest {@code limit} alerts by creation time. */
    public List<AlertState> newest(int limit) {
        long[] newest = newestIds(limit);
        List<AlertState> alerts = new ArrayList<>(newest.length);
        for (long id : newest) {
            AlertState alert = recent.get(id);
            if (alert == null) {
                alert = details.apply(id);
                recent.put(id, alert);
            }
            alerts.add(alert);
        }
        return alerts;
    }

    @Override
    public AlertSummary summary() {
        Map<LocalDate, Long> byDay = new HashMap<>();
        highRiskByDay.int2LongEntrySet().forEach(e -> byDay.put(LocalDate.ofEpochDay(e.getIntKey()), e.getLongValue()));
        return new AlertSummary(
                Map.copyOf(byDay),
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

    private int append(long id, long at, int day) {
        if (size == ids.length) {
            int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity);
            createdAtMillis = Arrays.copyOf(createdAtMillis, capacity);
            createdDay = Arrays.copyOf(createdDay, capacity);
            versions = Arrays.copyOf(versions, capacity);
            highRisk = Arrays.copyOf(highRisk, capacity);
        }
        int slot = size++;
        ids[slot] = id;
        createdAtMillis[slot] = at;
        createdDay[slot] = day;
        slots.put(id, slot);
        offerNewest(at, id);
        return slot;
    }

    private void countHighRisk(int slot, int delta) {
        if (highRisk[slot] && highRiskByDay.addTo(createdDay[slot], delta) + delta == 0) {
            highRiskByDay.remove(createdDay[slot]);
        }
    }

    /** The ids of the newest {@code limit} alerts, newest first. */
    private long[] newestIds(int limit) {
        if (limit > NEWEST_KEPT) {
            long[] at = new long[limit];
            long[] newest = new long[limit];
            return Arrays.copyOf(newest, select(at, newest));
        }
        if (!newestValid) {
            newestSize = select(newestAt, newestIds);
            newestValid = true;
        }
        return Arrays.copyOf(newestIds, Math.min(limit, newestSize));
    }

    /** Fills {@code at} and {@code newest} with the newest alerts, newest first; returns how many. */
    private int select(long[] at, long[] newest) {
        int count = 0;
        for (int slot = 0; slot < size; slot++) {
            count = insert(at, newest, count, createdAtMillis[slot], ids[slot]);
        }
        return count;
    }

    /** A new alert: into the newest if it is among them. */
    private void offerNewest(long at, long id) {
        if (newestValid) {
            newestSize = insert(newestAt, newestIds, newestSize, at, id);
        }
    }

    /**
     * A forgotten alert: out of the newest. If it was one of them and others are not held, which
     * alert is now the last of the newest is unknown until the next scan.
     */
    private void forgetNewest(long at, long id) {
        if (!newestValid) {
            return;
        }
        for (int i = 0; i < newestSize; i++) {
            if (newestIds[i] == id && newestAt[i] == at) {
                System.arraycopy(newestAt, i + 1, newestAt, i, newestSize - i - 1);
                System.arraycopy(newestIds, i + 1, newestIds, i, newestSize - i - 1);
                newestSize--;
                // size still counts the alert being forgotten
                newestValid = size - 1 == newestSize;
                return;
            }
        }
    }

    /**
     * Inserts (at, id) into the first {@code count} entries of {@code ats}/{@code ids}, kept newest
     * first and at most as long as the arrays, if it is newer than their last or they have room.
     *
     * @return the new count
     */
    private static int insert(long[] ats, long[] ids, int count, long at, long id) {
        int capacity = ats.length;
        if (count == capacity && !newer(at, id, ats[count - 1], ids[count - 1])) {
            return count;
        }
        int i = Math.min(count, capacity - 1);
        while (i > 0 && newer(at, id, ats[i - 1], ids[i - 1])) {
            ats[i] = ats[i - 1];
            ids[i] = ids[i - 1];
            i--;
        }
        ats[i] = at;
        ids[i] = id;
        return Math.min(count + 1, capacity);
    }

    /** Newest first: later creation, then the higher id. */
    private static boolean newer(long at, long id, long otherAt, long otherId) {
        return at != otherAt ? at > otherAt : id > otherId;
    }

    private static long version(OffsetDateTime occurredAt) {
        Instant at = occurredAt.toInstant();
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }
}
