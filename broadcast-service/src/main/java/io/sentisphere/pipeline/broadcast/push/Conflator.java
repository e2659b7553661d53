package io.sentisphere.pipeline.broadcast.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Per-channel conflation with a leading and a trailing edge, and retry bookkeeping. Pure logic on
 * explicit times (milliseconds), so it is tested without threads or clocks.
 *
 * <p>Guarantees, per channel: at most one dispatch per {@code interval} (measured between dispatch
 * starts) and never two in flight; the first state of a burst is due at once; the latest offered
 * state is always dispatched eventually (a newer state replaces an older pending one, which is
 * then never sent); a failed dispatch is put back unless a newer state arrived meanwhile, and is
 * due again after the retry delay the caller chose. Memory is one pending state per channel.
 * Thread-safe (every method is synchronized; none blocks).
 */
public final class Conflator<T> {

    /** A state taken for delivery; hand it back through {@link #succeeded} or {@link #failed}. */
    public record Dispatch<T>(String channel, T state, long sequence) {}

    private static final class Lane<T> {
        T pending;
        long pendingSequence;
        boolean inFlight;
        long lastDispatchAt = Long.MIN_VALUE / 2;
        long notBefore = Long.MIN_VALUE / 2;
        int failures;
    }

    private final long intervalMillis;
    private final Map<String, Lane<T>> lanes = new LinkedHashMap<>();
    private long sequence;
    /** States offered up to this sequence were dropped by {@link #clear}: not put back on failure. */
    private long clearedThrough;

    public Conflator(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /** Offers the newest state of {@code channel}; replaces any state not yet dispatched. */
    public synchronized void offer(String channel, T state) {
        Lane<T> lane = lanes.computeIfAbsent(channel, c -> new Lane<>());
        lane.pending = state;
        lane.pendingSequence = ++sequence;
    }

    /** Takes every state due at {@code now}, marking those channels in flight. */
    public synchronized List<Dispatch<T>> due(long now) {
        List<Dispatch<T>> due = new ArrayList<>();
        lanes.forEach((channel, lane) -> {
            if (lane.pending != null && !lane.inFlight && now >= dueAt(lane)) {
                due.add(new Dispatch<>(channel, lane.pending, lane.pendingSequence));
                lane.pending = null;
                lane.inFlight = true;
                lane.lastDispatchAt = now;
            }
        });
        return due;
    }

    /** The earliest time something becomes due (empty when nothing is pending or all is in flight). */
    public synchronized OptionalLong nextDueAt() {
        long next = Long.MAX_VALUE;
        for (Lane<T> lane : lanes.values()) {
            if (lane.pending != null && !lane.inFlight) {
                next = Math.min(next, dueAt(lane));
            }
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    public synchronized void succeeded(Dispatch<T> dispatch) {
        Lane<T> lane = lanes.get(dispatch.channel());
        lane.inFlight = false;
        lane.failures = 0;
    }

    /**
     * Puts a failed state back (unless a newer one was offered meanwhile) and holds the channel
     * until {@code retryAt}.
     *
     * @return how many consecutive failures this channel has had
     */
    public synchronized int failed(Dispatch<T> dispatch, long retryAt) {
        Lane<T> lane = lanes.get(dispatch.channel());
        lane.inFlight = false;
        lane.failures++;
        lane.notBefore = retryAt;
        if (lane.pending == null && dispatch.sequence() > clearedThrough) {
            lane.pending = dispatch.state();
            lane.pendingSequence = dispatch.sequence();
        }
        return lane.failures;
    }

    /** Consecutive failures of {@code channel} (0 when its last delivery succeeded). */
    public synchronized int failures(String channel) {
        Lane<T> lane = lanes.get(channel);
        return lane == null ? 0 : lane.failures;
    }

    /**
     * Forgets every pending state, e.g. when this instance stops publishing and another takes over.
     * In-flight dispatches finish as usual, but one that fails is not put back.
     *
     * @return how many channels had a pending state
     */
    public synchronized int clear() {
        clearedThrough = sequence;
        int dropped = 0;
        for (Lane<T> lane : lanes.values()) {
            if (lane.pending != null) {
                lane.pending = null;
                dropped++;
            }
        }
        return dropped;
    }

    /** Channels holding a state not yet delivered (pending or in flight). */
    public synchronized int undelivered() {
        return (int) lanes.values().stream()
                .filter(l -> l.pending != null || l.inFlight)
                .count();
    }

    private long dueAt(Lane<T> lane) {
        return Math.max(lane.lastDispatchAt + intervalMillis, lane.notBefore);
    }
}
