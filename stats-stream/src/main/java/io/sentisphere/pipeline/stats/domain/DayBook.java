package io.sentisphere.pipeline.stats.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@link Days} in memory: at most the retention's 222 days. Mutable; owned by one stream task. */
public final class DayBook implements Days {

    private final Map<LocalDate, DayTotals> days = new HashMap<>();

    @Override
    public DayTotals get(LocalDate day) {
        return days.get(day);
    }

    @Override
    public void update(LocalDate day, Consumer<DayTotals> change) {
        change.accept(days.computeIfAbsent(day, d -> new DayTotals()));
    }

    /** Puts a day's totals as they were stored (restoring). */
    public void put(LocalDate day, DayTotals totals) {
        days.put(day, totals);
    }

    @Override
    public List<LocalDate> removeBefore(LocalDate oldest) {
        List<LocalDate> removed = new ArrayList<>();
        days.keySet().removeIf(day -> {
            boolean old = day.isBefore(oldest);
            if (old) {
                removed.add(day);
            }
            return old;
        });
        return removed;
    }
}
