package io.sentisphere.pipeline.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One application's catch-up as seen from outside, sampled each time its committed offsets are
 * polled: when it had committed half of the events, and how much CPU its JIT compiler threads
 * ({@code C1 CompilerThre…}, {@code C2 CompilerThre…} in {@code /proc/<pid>/task/<tid>/comm})
 * had used by then.
 *
 * <p>Why: a catch-up of a fixed number of events mixes two costs, the work per event and the
 * work once per process of compiling the hot code. On a machine of two cores the compiler shares
 * them with the application, the broker and this harness, so a process with more hot code to
 * compile is slower early in its catch-up and not later. The rate over the second half of the
 * events, against the same for a floor, measures the work per event; the compiler's CPU in each
 * half shows the other cost. Accuracy: both ends of the second half are polls (every 250 ms) of
 * offsets committed every commit interval, so each lags the processing by up to both; the lags at
 * the two ends offset each other, and what is left is within a poll and a commit interval of a
 * ~10 s half. Linux only.
 */
final class CatchUpTrace {

    private final long pid;
    private final long events;
    private final Map<String, Long> compilerTicks = new HashMap<>();
    private final List<long[]> samples = new ArrayList<>(); // {nanos, compiler ticks so far}
    private long halfNanos = -1;
    private long halfDone;

    /**
     * Takes the first sample at once, with nothing committed: the compiler's CPU so far, as the
     * start of an interval that begins now (for stats-stream, whose trace starts when it is ready).
     * Without it an interval beginning before the first poll would count from the JVM's start.
     */
    CatchUpTrace(long pid, long events) {
        this.pid = pid;
        this.events = events;
        samples.add(new long[] {System.nanoTime(), compilerTicksSoFar()});
    }

    /** Records one poll: {@code done} events committed at {@code nanos}. */
    void sample(long nanos, long done) {
        samples.add(new long[] {nanos, compilerTicksSoFar()});
        if (halfNanos < 0 && done >= events / 2) {
            halfNanos = nanos;
            halfDone = done;
        }
    }

    /** Events per second from the halfway poll to {@code endNanos}; NaN if no poll saw half. */
    double secondHalfRate(long endNanos) {
        return halfNanos < 0 || endNanos <= halfNanos
                ? Double.NaN
                : (events - halfDone) / ((endNanos - halfNanos) / 1e9);
    }

    /** The compiler threads' CPU seconds from {@code fromNanos} to the halfway poll. */
    double compilerSecondsFirstHalf(long fromNanos) {
        return halfNanos < 0 ? Double.NaN : compilerSecondsBetween(fromNanos, halfNanos);
    }

    /** The compiler threads' CPU seconds from the halfway poll to the last poll. */
    double compilerSecondsSecondHalf() {
        return halfNanos < 0 || samples.isEmpty()
                ? Double.NaN
                : compilerSecondsBetween(halfNanos, samples.get(samples.size() - 1)[0]);
    }

    private double compilerSecondsBetween(long fromNanos, long toNanos) {
        long from = 0;
        long to = 0;
        for (long[] sample : samples) {
            if (sample[0] <= fromNanos) {
                from = sample[1];
            }
            if (sample[0] <= toNanos) {
                to = sample[1];
            }
        }
        return (to - from) / CpuUsage.TICKS_PER_SECOND;
    }

    /**
     * The ticks of every compiler thread seen so far; a thread that has ended keeps its last
     * count, so the sum never falls (HotSpot starts and stops compiler threads as the queue grows).
     */
    private long compilerTicksSoFar() {
        compilerTicks.putAll(CpuUsage.compilerThreadTicks(pid));
        return compilerTicks.values().stream().mapToLong(Long::longValue).sum();
    }
}
