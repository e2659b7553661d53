package io.sentisphere.pipeline.stats.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * Which students downloaded the appointment form on which local days, answering "how many distinct
 * students in this span" (a student counted once however many days of the span they appear on).
 *
 * <p>Each day's students are a compressed bitmap, and so is the union of every span asked about.
 * The first question about a span builds its union from the days it covers, O(days · students)
 * bitwise; each new (day, student) is then added to the union of every kept span holding that day,
 * O(spans), so emitting a range again costs the union's cardinality instead of re-reading every
 * student of every day of the range (which grew with the data and dominated catch-up). Ranges move
 * at local midnight, so each day's spans are counted in full once.
 *
 * <p>Memory: a few bytes per (day, student) for database ids (they are dense), no object per
 * entry. That matters beyond the bytes: the index lives in the old generation, and an object per
 * (day, student) meant a reference written into an old object at each one, which every young
 * collection then had to rescan (bench/RESULTS.md, issue 14, session 16). Mutable; owned by one
 * stream task.
 */
public final class AppointmentIndex implements Appointments {

    /** Spans whose unions are kept; enough for every range of two days. Older ones are forgotten. */
    private static final int MAX_SPANS = 32;

    /** A (day, student) pair, as the store keys them. */
    public record Visit(LocalDate day, long student) {}

    /** Each kept day's students, by epoch day. */
    private final NavigableMap<Long, Roaring64Bitmap> byDay = new TreeMap<>();
    /** The students of each span asked about, kept up to date. */
    private final Map<DateSpan, Roaring64Bitmap> unions = new HashMap<>();

    /** @return whether the student was not yet counted on that day */
    @Override
    public boolean add(LocalDate day, long student) {
        Roaring64Bitmap students = byDay.computeIfAbsent(day.toEpochDay(), d -> new Roaring64Bitmap());
        if (students.contains(student)) {
            return false;
        }
        students.addLong(student);
        for (Map.Entry<DateSpan, Roaring64Bitmap> union : unions.entrySet()) {
            if (union.getKey().contains(day)) {
                union.getValue().addLong(student);
            }
        }
        return true;
    }

    /** Distinct students with at least one day in {@code span}. */
    @Override
    public long distinctStudents(DateSpan span) {
        Roaring64Bitmap union = unions.get(span);
        if (union == null) {
            union = new Roaring64Bitmap();
            for (Roaring64Bitmap students : byDay.subMap(
                            span.first().toEpochDay(), true, span.last().toEpochDay(), true)
                    .values()) {
                union.or(students);
            }
            if (unions.size() >= MAX_SPANS) {
                unions.clear();
            }
            unions.put(span, union);
        }
        return union.getLongCardinality();
    }

    /** Forgets every day before {@code oldest}; returns what was forgotten (to delete from the store). */
    @Override
    public List<Visit> removeBefore(LocalDate oldest) {
        List<Visit> removed = new ArrayList<>();
        Iterator<Map.Entry<Long, Roaring64Bitmap>> days =
                byDay.headMap(oldest.toEpochDay(), false).entrySet().iterator();
        while (days.hasNext()) {
            Map.Entry<Long, Roaring64Bitmap> day = days.next();
            LocalDate date = LocalDate.ofEpochDay(day.getKey());
            day.getValue().forEach(student -> removed.add(new Visit(date, student)));
            days.remove();
        }
        if (!removed.isEmpty()) {
            unions.clear();
        }
        return removed;
    }
}
