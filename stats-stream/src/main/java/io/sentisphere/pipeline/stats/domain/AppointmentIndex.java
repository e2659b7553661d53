package io.sentisphere.pipeline.stats.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which students downloaded the appointment form on which local days, answering "how many distinct
 * students in this span" (a student counted once however many days of the span they appear on).
 *
 * <p>Cost: the first question about a span counts it in full, O(students · log days); the answer
 * is then kept up to date on every new (day, student) in O(spans · log days), so emitting a range
 * again costs O(1) instead of re-reading every student of every day of the range (which grew with
 * the data and dominated catch-up). Ranges move at local midnight, so each day's spans are counted
 * in full once. Memory: a sorted {@code int[]} of epoch days per student, about 4 bytes per
 * (day, student) plus ~60 per student. Mutable; owned by one stream task.
 */
public final class AppointmentIndex implements Appointments {

    /** Spans whose counts are kept; enough for every range of two days. Older ones are forgotten. */
    private static final int MAX_SPANS = 32;

    /** A (day, student) pair, as the store keys them. */
    public record Visit(LocalDate day, long student) {}

    /** A student's days as sorted epoch days; {@code size} of {@code days} are used. */
    private static final class StudentDays {
        int[] days = new int[2];
        int size;

        int search(int day) {
            return Arrays.binarySearch(days, 0, size, day);
        }

        /** Whether any day lies in [first, last]. */
        boolean anyIn(int first, int last) {
            int at = search(first);
            int index = at >= 0 ? at : -at - 1;
            return index < size && days[index] <= last;
        }

        void insert(int index, int day) {
            if (size == days.length) {
                days = Arrays.copyOf(days, size * 2);
            }
            System.arraycopy(days, index, days, index + 1, size - index);
            days[index] = day;
            size++;
        }
    }

    private final Map<Long, StudentDays> byStudent = new HashMap<>();
    private final Map<DateSpan, Long> counts = new HashMap<>();

    /** @return whether the student was not yet counted on that day */
    @Override
    public boolean add(LocalDate day, long student) {
        int epochDay = (int) day.toEpochDay();
        StudentDays days = byStudent.computeIfAbsent(student, s -> new StudentDays());
        int at = days.search(epochDay);
        if (at >= 0) {
            return false;
        }
        for (Map.Entry<DateSpan, Long> count : counts.entrySet()) {
            DateSpan span = count.getKey();
            if (span.contains(day) && !days.anyIn(first(span), last(span))) {
                count.setValue(count.getValue() + 1);
            }
        }
        days.insert(-at - 1, epochDay);
        return true;
    }

    /** Distinct students with at least one day in {@code span}. */
    @Override
    public long distinctStudents(DateSpan span) {
        Long known = counts.get(span);
        if (known != null) {
            return known;
        }
        int first = first(span);
        int last = last(span);
        long count = 0;
        for (StudentDays days : byStudent.values()) {
            if (days.anyIn(first, last)) {
                count++;
            }
        }
        if (counts.size() >= MAX_SPANS) {
            counts.clear();
        }
        counts.put(span, count);
        return count;
    }

    /** Forgets every day before {@code oldest}; returns what was forgotten (to delete from the store). */
    @Override
    public List<Visit> removeBefore(LocalDate oldest) {
        int limit = (int) oldest.toEpochDay();
        List<Visit> removed = new ArrayList<>();
        Iterator<Map.Entry<Long, StudentDays>> students = byStudent.entrySet().iterator();
        while (students.hasNext()) {
            Map.Entry<Long, StudentDays> student = students.next();
            StudentDays days = student.getValue();
            int old = 0;
            while (old < days.size && days.days[old] < limit) {
                removed.add(new Visit(LocalDate.ofEpochDay(days.days[old]), student.getKey()));
                old++;
            }
            if (old == days.size) {
                students.remove();
            } else if (old > 0) {
                System.arraycopy(days.days, old, days.days, 0, days.size - old);
                days.size -= old;
            }
        }
        if (!removed.isEmpty()) {
            counts.clear();
        }
        return removed;
    }

    private static int first(DateSpan span) {
        return (int) span.first().toEpochDay();
    }

    private static int last(DateSpan span) {
        return (int) span.last().toEpochDay();
    }
}
