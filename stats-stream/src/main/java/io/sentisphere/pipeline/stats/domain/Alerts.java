package io.sentisphere.pipeline.stats.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * The current state of every alert. {@link AlertBook} answers in memory; the topology backs it
 * with a changelogged store.
 */
public interface Alerts {

    /**
     * Applies a change unless the alert already has a state at least as new.
     *
     * @return whether the alert's state changed
     */
    boolean apply(AlertState next);

    /** High-risk alerts per creation day and the newest few, for one emission of every range. */
    AlertSummary summary();

    /** Forgets alerts created before {@code oldest} except the newest {@code keep}; returns their ids. */
    List<Long> removeCreatedBefore(LocalDate oldest, int keep);
}
