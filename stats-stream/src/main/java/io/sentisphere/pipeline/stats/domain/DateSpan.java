package io.sentisphere.pipeline.stats.domain;

import java.time.LocalDate;

/** An inclusive span of local dates. */
public record DateSpan(LocalDate first, LocalDate last) {

    public boolean contains(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(last);
    }
}
