package io.sentisphere.pipeline.stats.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/**
 * The per-day totals of the kept local days. {@link DayBook} holds them in memory; the topology
 * backs that with a changelogged store, so every {@link #update} is durable with the output it
 * causes.
 */
public interface Days {

    /** The totals of {@code day}, or null when nothing was counted that day. */
    DayTotals get(LocalDate day);

    /** Applies {@code change} to the totals of {@code day} (created empty when absent) and keeps them. */
    void update(LocalDate day, Consumer<DayTotals> change);

    /** Forgets every day before {@code oldest}; returns the days forgotten. */
    List<LocalDate> removeBefore(LocalDate oldest);
}
