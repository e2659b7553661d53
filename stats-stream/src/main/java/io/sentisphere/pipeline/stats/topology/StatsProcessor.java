package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.events.ActivityLogged;
import io.sentisphere.pipeline.contracts.events.AlertChange;
import io.sentisphere.pipeline.contracts.events.CheckinCreated;
import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.events.RefreshRequested;
import io.sentisphere.pipeline.contracts.events.SentimentAnalyzed;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.stats.domain.AlertBook;
import io.sentisphere.pipeline.stats.domain.AlertState;
import io.sentisphere.pipeline.stats.domain.AlertSummary;
import io.sentisphere.pipeline.stats.domain.AppointmentIndex;
import io.sentisphere.pipeline.stats.domain.DateSpan;
import io.sentisphere.pipeline.stats.domain.DayTotals;
import io.sentisphere.pipeline.stats.domain.RangeCalendar;
import io.sentisphere.pipeline.stats.domain.StatsCalculator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The stats state machine, in the single task that sees every event (input is repartitioned to one
 * partition, because every stat is global).
 *
 * <p>Per event: drop it if its id was seen within {@link StatsTopology#DEDUPE_WINDOW}; otherwise
 * update the per-day totals of its local day (when that day is still kept), the all-time student
 * set, or the alert's current state, and mark the ranges it touches. Every
 * {@code emitInterval} of wall-clock time the marked ranges are recomputed and emitted if their
 * value changed (or if a refresh was requested). Every second the local date is checked; when it
 * moved, every range is recomputed and the ones whose value changed are emitted with reason
 * {@code rollover}, even when no event arrives.
 *
 * <p>All state lives in changelogged stores, updated with the output in one transaction under
 * exactly-once; the in-memory maps are caches rebuilt from the stores in {@link #init}.
 */
final class StatsProcessor implements Processor<String, EventEnvelope, String, StatsUpdate> {

    private record Pending(String reason, boolean forced) {}

    private static final String STUDENTS_COUNT = "students_count";
    private static final String LAST_DATE = "last_date";
    private static final char APPOINTMENT_KEY_SEPARATOR = '|';

    private final ZoneId zone;
    /** The wall clock in {@code zone}. */
    private final Clock clock;

    private final Duration emitInterval;

    private ProcessorContext<String, StatsUpdate> context;
    private WindowStore<String, Long> seenIds;
    private KeyValueStore<String, DayTotals> dayStore;
    private KeyValueStore<Long, AlertState> alertStore;
    private KeyValueStore<Long, Long> studentStore;
    private KeyValueStore<String, StatsUpdate> emittedStore;
    private KeyValueStore<String, String> metaStore;
    /** Key {@code yyyy-MM-dd|userId}: a student who downloaded the appointment form that day. */
    private KeyValueStore<String, Long> appointmentStore;

    private Sensor duplicates;
    private Sensor beyondRetention;

    private final Map<LocalDate, DayTotals> days = new HashMap<>();
    private final AlertBook alerts;
    private final AppointmentIndex appointments = new AppointmentIndex();
    private final Map<StatsRange, Pending> pending = new EnumMap<>(StatsRange.class);
    /** The span of every range on {@code spansDay}, so marking an event's ranges allocates nothing. */
    private final Map<StatsRange, DateSpan> spans = new EnumMap<>(StatsRange.class);

    private LocalDate spansDay;
    /** The last emitted value of each range, time stripped, for "only when changed". */
    private final Map<StatsRange, DashboardStats> emitted = new EnumMap<>(StatsRange.class);

    private long students;
    private LocalDate lastDate;

    StatsProcessor(ZoneId zone, Clock clock, Duration emitInterval) {
        this.zone = zone;
        this.clock = clock.withZone(zone);
        this.emitInterval = emitInterval;
        this.alerts = new AlertBook(zone, id -> alertStore.get(id));
    }

    @Override
    public void init(ProcessorContext<String, StatsUpdate> context) {
        this.context = context;
        seenIds = context.getStateStore(StatsTopology.SEEN_IDS);
        dayStore = context.getStateStore(StatsTopology.DAYS);
        alertStore = context.getStateStore(StatsTopology.ALERTS);
        studentStore = context.getStateStore(StatsTopology.STUDENTS);
        emittedStore = context.getStateStore(StatsTopology.EMITTED);
        metaStore = context.getStateStore(StatsTopology.META);
        appointmentStore = context.getStateStore(StatsTopology.APPOINTMENTS);
        duplicates = context.metrics()
                .addRateTotalSensor(
                        "stats",
                        "stats-processor",
                        "duplicate-events",
                        org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
        beyondRetention = context.metrics()
                .addRateTotalSensor(
                        "stats",
                        "stats-processor",
                        "events-beyond-retention",
                        org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
        try (KeyValueIterator<String, DayTotals> it = dayStore.all()) {
            it.forEachRemaining(kv -> days.put(LocalDate.parse(kv.key), kv.value));
        }
        try (KeyValueIterator<String, Long> it = appointmentStore.all()) {
            it.forEachRemaining(kv -> {
                int bar = kv.key.indexOf(APPOINTMENT_KEY_SEPARATOR);
                appointments.add(LocalDate.parse(kv.key.substring(0, bar)), Long.parseLong(kv.key.substring(bar + 1)));
            });
        }
        try (KeyValueIterator<Long, AlertState> it = alertStore.all()) {
            it.forEachRemaining(kv -> alerts.put(kv.value));
        }
        try (KeyValueIterator<String, StatsUpdate> it = emittedStore.all()) {
            it.forEachRemaining(
                    kv -> emitted.put(kv.value.range(), kv.value.stats().withoutTimestamp()));
        }
        String count = metaStore.get(STUDENTS_COUNT);
        students = count == null ? 0 : Long.parseLong(count);
        String date = metaStore.get(LAST_DATE);
        lastDate = date == null ? today() : LocalDate.parse(date);
        markAll("startup");
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> checkRollover());
    }

    @Override
    public void process(Record<String, EventEnvelope> record) {
        EventEnvelope event = record.value();
        if (event == null) {
            return;
        }
        CompleteEvents.require(event);
        if (seenBefore(event.id(), record.timestamp())) {
            duplicates.record();
            return;
        }
        LocalDate day = event.occurredAt().atZoneSameInstant(zone).toLocalDate();
        String reason = event.type().wire();
        LocalDate today = today();
        boolean kept = !day.isBefore(RangeCalendar.oldestKept(today));
        if (event.data() instanceof CheckinCreated checkin) {
            if (kept) {
                DayTotals totals = day(day);
                totals.addCheckin(checkin);
                dayStore.put(day.toString(), totals);
            }
            if (checkin.userId() != null && addStudent(checkin.userId())) {
                markAll(reason);
            }
        } else if (event.data() instanceof SentimentAnalyzed sentiment && kept) {
            DayTotals totals = day(day);
            totals.addSentiment(sentiment.sentiment());
            dayStore.put(day.toString(), totals);
        } else if (event.data() instanceof ActivityLogged activity
                && kept
                && "downloaded_form".equals(activity.action())
                && "form".equals(activity.targetType())) {
            if (appointments.add(day, activity.userId())) {
                appointmentStore.put(appointmentKey(day, activity.userId()), 1L);
            }
        } else if (event.data() instanceof AlertChange change) {
            AlertState next = AlertState.of(change, event.occurredAt());
            if (alerts.apply(next)) {
                alertStore.put(next.alertId(), next);
                markAll(reason);
            }
            return;
        } else if (event.data() instanceof RefreshRequested refresh) {
            pending.put(refresh.range(), new Pending(refresh.reason(), true));
            return;
        }
        if (!kept) {
            beyondRetention.record();
            return;
        }
        markDay(day, today, reason);
    }

    private boolean seenBefore(String id, long timestamp) {
        Instant at = Instant.ofEpochMilli(timestamp);
        try (WindowStoreIterator<Long> seen =
                seenIds.fetch(id, at.minus(StatsTopology.DEDUPE_WINDOW), at.plus(Duration.ofDays(1)))) {
            if (seen.hasNext()) {
                return true;
            }
        }
        seenIds.put(id, timestamp, timestamp);
        return false;
    }

    private boolean addStudent(long userId) {
        if (studentStore.get(userId) != null) {
            return false;
        }
        studentStore.put(userId, 1L);
        students++;
        metaStore.put(STUDENTS_COUNT, String.valueOf(students));
        return true;
    }

    /** The {@code appointmentStore} key of one student on one day: {@code yyyy-MM-dd|userId}. */
    private static String appointmentKey(LocalDate day, long userId) {
        return day.toString() + APPOINTMENT_KEY_SEPARATOR + userId;
    }

    private DayTotals day(LocalDate day) {
        return days.computeIfAbsent(day, d -> new DayTotals());
    }

    private void markDay(LocalDate day, LocalDate today, String reason) {
        if (!today.equals(spansDay)) {
            for (StatsRange range : StatsRange.values()) {
                spans.put(range, RangeCalendar.span(range, today));
            }
            spansDay = today;
        }
        for (Map.Entry<StatsRange, DateSpan> span : spans.entrySet()) {
            if (span.getValue().contains(day)) {
                mark(span.getKey(), reason);
            }
        }
    }

    private void markAll(String reason) {
        for (StatsRange range : StatsRange.values()) {
            mark(range, reason);
        }
    }

    private void mark(StatsRange range, String reason) {
        Pending previous = pending.get(range);
        if (previous == null || !previous.reason().equals(reason)) {
            pending.put(range, new Pending(reason, previous != null && previous.forced()));
        }
    }

    /** Emits every marked range whose value changed, or that a refresh asked for. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        LocalDate today = now.toLocalDate();
        AlertSummary alertSummary = alerts.summary();
        for (Map.Entry<StatsRange, Pending> entry : pending.entrySet()) {
            StatsRange range = entry.getKey();
            DashboardStats stats = StatsCalculator.compute(
                    range, today, days::get, appointments::distinctStudents, alertSummary, students, now);
            DashboardStats value = stats.withoutTimestamp();
            if (entry.getValue().forced() || !value.equals(emitted.get(range))) {
                StatsUpdate update = new StatsUpdate(range, entry.getValue().reason(), stats, now);
                emitted.put(range, value);
                emittedStore.put(range.wire(), update);
                context.forward(
                        new Record<>(range.wire(), update, now.toInstant().toEpochMilli()));
            }
        }
        pending.clear();
    }

    /** On a new local day: forget days past retention, recompute every range. */
    void checkRollover() {
        LocalDate today = today();
        if (today.equals(lastDate)) {
            return;
        }
        lastDate = today;
        metaStore.put(LAST_DATE, today.toString());
        LocalDate oldest = RangeCalendar.oldestKept(today);
        for (LocalDate day : new ArrayList<>(days.keySet())) {
            if (day.isBefore(oldest)) {
                days.remove(day);
                dayStore.delete(day.toString());
            }
        }
        for (AppointmentIndex.Visit visit : appointments.removeBefore(oldest)) {
            appointmentStore.delete(appointmentKey(visit.day(), visit.student()));
        }
        pruneAlerts(oldest);
        markAll("rollover");
        flush();
    }

    /** Alerts created before retention no longer count anywhere except as one of the newest five. */
    private void pruneAlerts(LocalDate oldest) {
        alerts.removeCreatedBefore(oldest, StatsCalculator.RECENT_ALERTS).forEach(alertStore::delete);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
