package io.sentisphere.pipeline.stats.domain;

/** Every student ever seen checking in (the all-time {@code students_monitored}). */
public interface Students {

    /** @return whether {@code userId} was not yet counted */
    boolean add(long userId);

    long count();
}
