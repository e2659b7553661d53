package io.sentisphere.pipeline.stats.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Which students downloaded the appointment form on which kept local days. {@link AppointmentIndex}
 * answers in memory; the topology backs it with a changelogged store.
 */
public interface Appointments {

    /** @return whether the student was not yet counted on that day */
    boolean add(LocalDate day, long student);

    /** Distinct students with at least one download in {@code span}. */
    long distinctStudents(DateSpan span);

    /** Forgets every day before {@code oldest}; returns what was forgotten. */
    List<AppointmentIndex.Visit> removeBefore(LocalDate oldest);
}
