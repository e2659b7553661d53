package io.sentisphere.pipeline.stats.topology;

import io.sentisphere.pipeline.contracts.events.EventEnvelope;
import io.sentisphere.pipeline.contracts.stats.DashboardStats;
import io.sentisphere.pipeline.contracts.stats.StatsRange;
import io.sentisphere.pipeline.contracts.stats.StatsUpdate;
import io.sentisphere.pipeline.stats.domain.DashboardState;
import io.sentisphere.pipeline.stats.domain.PendingRanges;
import io.sentisphere.pipeline.stats.domain.RangeCalendar;
import io.sentisphere.pipeline.stats.domain.Today;
import io.sentisphere.pipeline.stats.topology.stores.EmittedStats;
import io.sentisphere.pipeline.stats.topology.stores.LastDay;
import io.sentisphere.pipeline.stats.topology.stores.StoredAlerts;
import io.sentisphere.pipeline.stats.topology.stores.StoredAppointments;
import io.sentisphere.pipeline.stats.topology.stores.StoredDays;
import io.sentisphere.pipeline.stats.topology.stores.StoredStudents;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Wires the stats state machine into the one task that sees every event (after the dedupe step):
 * each new event goes to {@link DashboardState#apply}, and the ranges it changed are marked
 * ({@link PendingRanges}). Marked ranges are recomputed and forwarded if their value changed (or a
 * refresh asked for them) at most once per {@code emitInterval} of wall-clock time, on a leading
 * edge: an event that arrives after a quiet interval is emitted at once, so an isolated check-in is
 * not held back; under load, what arrives within an interval of the last emission waits for a
 * punctuation, which checks every quarter interval. After an emission that asked for a commit, the
 * next one also waits until the thread has been back from that commit for a quarter interval ({@link
 * EmissionPacing}: slow commits would otherwise leave one event per commit).
 *
 * <p>Readers see stats only once committed, so each emission also requests a commit ({@link
 * ProcessorContext#commit()}), unless the stream is catching up: more than {@value
 * #CATCH_UP_EVENTS_PER_EMISSION} events since the previous emission (10,000 events/s at the default
 * interval, far above a live school's rate). Then commits are left to Kafka Streams' commit
 * interval, which is meant to be longer than the emission interval: an exactly-once commit costs
 * the stream thread several milliseconds, and committing every emission slowed a catch-up by about
 * a tenth (bench/RESULTS.md, issue 14, session 13). Hazard: live traffic above that rate is
 * treated as a catch-up, and its stats wait for the commit interval. Every second the
 * local date is checked; when it moved, what no range holds any more is forgotten and every range
 * whose value changed is emitted with reason {@code rollover}, even when no event arrives.
 *
 * <p>All state lives in changelogged stores, updated with the output in one transaction under
 * exactly-once; each in-memory index is rebuilt from its own store on {@link #init}.
 */
final class StatsProcessor implements Processor<String, EventEnvelope, String, StatsUpdate> {

    private final ZoneId zone;
    /** The wall clock in {@code zone}. */
    private final Clock clock;
    /** The local date by {@link #clock}. */
    private final Today today;

    /** More events than this between two emissions means the stream is catching up. */
    static final int CATCH_UP_EVENTS_PER_EMISSION = 1_000;

    private final Duration emitInterval;
    private final Function<StreamsMetrics, LongSupplier> commitCount;
    private final PendingRanges pending = new PendingRanges();
    private EmissionPacing pacing;
    /** Events processed since the last emission, or since a due check found nothing to emit. */
    private int eventsSinceFlush;

    private ProcessorContext<String, StatsUpdate> context;
    private DashboardState state;
    private EmittedStats emitted;
    private LastDay lastDay;
    private Sensor beyondRetention;

    StatsProcessor(ZoneId zone, Clock clock, Duration emitInterval) {
        this(zone, clock, emitInterval, StreamThreadCommits::of);
    }

    /** As the public one, with the stream thread's commit count taken from {@code commitCount}. */
    StatsProcessor(
            ZoneId zone, Clock clock, Duration emitInterval, Function<StreamsMetrics, LongSupplier> commitCount) {
        this.zone = zone;
        this.clock = clock.withZone(zone);
        this.today = new Today(this.clock);
        this.emitInterval = emitInterval;
        this.commitCount = commitCount;
    }

    @Override
    public void init(ProcessorContext<String, StatsUpdate> context) {
        this.context = context;
        pacing = new EmissionPacing(emitInterval, commitCount.apply(context.metrics()));
        state = new DashboardState(
                zone,
                new StoredDays(context.getStateStore(StatsTopology.DAYS)),
                new StoredStudents(
                        context.getStateStore(StatsTopology.STUDENTS), context.getStateStore(StatsTopology.META)),
                new StoredAppointments(context.getStateStore(StatsTopology.APPOINTMENTS)),
                new StoredAlerts(zone, context.getStateStore(StatsTopology.ALERTS)));
        emitted = new EmittedStats(context.getStateStore(StatsTopology.EMITTED));
        lastDay = new LastDay(context.getStateStore(StatsTopology.META), today());
        beyondRetention = context.metrics()
                .addRateTotalSensor("stats", "stats-processor", "events-beyond-retention", Sensor.RecordingLevel.INFO);
        pending.markAll("startup");
        Duration check = emitInterval.dividedBy(4).compareTo(Duration.ofMillis(10)) < 0
                ? Duration.ofMillis(10)
                : emitInterval.dividedBy(4);
        context.schedule(check, PunctuationType.WALL_CLOCK_TIME, now -> emitIfDue());
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, now -> checkRollover());
    }

    @Override
    public void process(Record<String, EventEnvelope> record) {
        DashboardState.Effect effect = state.apply(record.value(), today());
        if (effect.beyondRetention()) {
            beyondRetention.record();
        }
        pending.record(effect);
        eventsSinceFlush++;
        emitIfDue();
    }

    /**
     * Emits what is marked if {@link EmissionPacing} allows it, and requests a commit for it unless
     * the stream is catching up.
     */
    private void emitIfDue() {
        if (!pacing.due(clock.millis())) {
            return;
        }
        if (pending.isEmpty()) {
            // Events that changed no range (a known alert state, a known student's check-in
            // beyond retention) say nothing about the rate the next emission will see: without
            // this, a trickle of them over a quiet hour would make that emission look like a
            // catch-up and leave it uncommitted for a commit interval.
            eventsSinceFlush = 0;
            return;
        }
        boolean catchingUp = eventsSinceFlush > CATCH_UP_EVENTS_PER_EMISSION;
        if (flush() && !catchingUp) {
            context.commit();
            pacing.commitRequested();
        }
    }

    /**
     * Emits every marked range whose value changed, or that a refresh asked for.
     *
     * @return whether anything was forwarded
     */
    boolean flush() {
        if (pending.isEmpty()) {
            return false;
        }
        pacing.emitted(clock.millis());
        eventsSinceFlush = 0;
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS);
        Map<StatsRange, DashboardStats> stats = state.compute(pending.ranges(), now);
        boolean forwarded = false;
        for (Map.Entry<StatsRange, PendingRanges.Pending> entry :
                pending.drain().entrySet()) {
            StatsRange range = entry.getKey();
            PendingRanges.Pending why = entry.getValue();
            if (why.forced() || emitted.differs(range, stats.get(range))) {
                StatsUpdate update = new StatsUpdate(range, why.reason(), stats.get(range), now);
                emitted.record(update);
                context.forward(
                        new Record<>(range.wire(), update, now.toInstant().toEpochMilli()));
                forwarded = true;
            }
        }
        return forwarded;
    }

    /** On a new local day: forget days past retention, recompute every range. */
    void checkRollover() {
        LocalDate today = today();
        if (!lastDay.moveTo(today)) {
            return;
        }
        state.forgetBefore(RangeCalendar.oldestKept(today));
        pending.markAll("rollover");
        flush();
    }

    private LocalDate today() {
        return today.get();
    }
}
