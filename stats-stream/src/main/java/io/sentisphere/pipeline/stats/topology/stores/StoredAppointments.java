package io.sentisphere.pipeline.stats.topology.stores;

import io.sentisphere.pipeline.stats.domain.AppointmentIndex;
import io.sentisphere.pipeline.stats.domain.Appointments;
import io.sentisphere.pipeline.stats.domain.DateSpan;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appointment-form downloads: answered from memory ({@link AppointmentIndex}), written through to
 * their store (key {@code yyyy-MM-dd|userId}), which is loaded in full on construction.
 */
public final class StoredAppointments implements Appointments {

    private static final char SEPARATOR = '|';

    private final AppointmentIndex index = new AppointmentIndex();
    private final KeyValueStore<String, Long> store;

    public StoredAppointments(KeyValueStore<String, Long> store) {
        this.store = store;
        try (KeyValueIterator<String, Long> it = store.all()) {
            it.forEachRemaining(kv -> {
                int bar = kv.key.indexOf(SEPARATOR);
                index.add(LocalDate.parse(kv.key.substring(0, bar)), Long.parseLong(kv.key.substring(bar + 1)));
            });
        }
    }

    @Override
    public boolean add(LocalDate day, long student) {
        if (!index.add(day, student)) {
            return false;
        }
        store.put(key(day, student), 1L);
        return true;
    }

    @Override
    public long distinctStudents(DateSpan span) {
        return index.distinctStudents(span);
    }

    @Override
    public List<AppointmentIndex.Visit> removeBefore(LocalDate oldest) {
        List<AppointmentIndex.Visit> removed = index.removeBefore(oldest);
        removed.forEach(visit -> store.delete(key(visit.day(), visit.student())));
        return removed;
    }

    private static String key(LocalDate day, long student) {
        return day.toString() + SEPARATOR + student;
    }
}
